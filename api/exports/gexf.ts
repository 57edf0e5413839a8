import { DOMImplementation } from "@xmldom/xmldom";
import type { Attributes } from "graphology-types";
import type { NetworkGraph } from "./lot-network.ts";
import { ARC_ATTRIBUTES, NODE_ATTRIBUTES, declaredAttributes, type ValueType } from "./network-attributes.ts";
import { DESIRED_COLOURS, FORM_COLOURS, arcThickness, nodeColour, nodeSize } from "./picture-scale.ts";
import { xmlFile } from "./xml-file.ts";

const NS = "http://www.gexf.net/1.2draft";
const VIZ = "http://www.gexf.net/1.2draft/viz";

/** The element attributes of GEXF itself, not declared as data. */
const NODE_OWN = ["label", "x", "y"] as const;
const ARC_OWN = ["weight"] as const;

/** "#rrggbb" as the r, g and b that GEXF 1.2 colours are made of. */
function rgb(hex: string): Record<"r" | "g" | "b", string> {
  const channel = (i: number) => String(Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16));
  return { r: channel(0), g: channel(1), b: channel(2) };
}

/**
 * GEXF 1.2 for Gephi and NetworkX: every figure as a node or edge attribute
 * declared with its defined type (network-attributes.ts), and the page's
 * positions, sizes and colours as viz data so the file opens looking like the lot
 * page. Version 1.2 because NetworkX reads only 1.1 and 1.2; colours as r/g/b,
 * which is all 1.2 has. Built as a DOM with @xmldom/xmldom, as GraphML is:
 * graphology-gexf's writer declares types from the values, and its 1.2 output
 * names a wrong viz namespace.
 */
export function toGexf(graph: NetworkGraph): string {
  const doc = new DOMImplementation().createDocument(NS, "gexf", null);
  const root = doc.documentElement!;
  root.setAttribute("version", "1.2");
  root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:viz", VIZ);
  const child = (parent: Element, name: string, attrs: Record<string, string | number> = {}, ns = NS) => {
    const e = doc.createElementNS(ns, ns === VIZ ? `viz:${name}` : name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent.appendChild(e);
    return e;
  };
  // One element a line where a person might look: the declarations, each node and each edge.
  const line = (parent: Element) => parent.appendChild(doc.createTextNode("\n"));

  const a = graph.getAttributes();
  const meta = child(root, "meta");
  child(meta, "creator").appendChild(doc.createTextNode("netwerkcirkel"));
  const description = [a.callName, a.lotName, a.waveName, `layer ${a.layer}`, `missing ${a.missing}`].filter((x) => x !== undefined).join(" · ");
  child(meta, "description").appendChild(doc.createTextNode(description));

  const g = child(root, "graph", { defaultedgetype: "directed", mode: "static" });
  const declare = (cls: "node" | "edge", declared: Array<[string, ValueType]>) => {
    if (declared.length === 0) return;
    const list = child(g, "attributes", { class: cls });
    for (const [name, type] of declared) {
      line(list);
      child(list, "attribute", { id: name, title: name, type });
    }
    line(list);
  };
  const nodeAttributes = declaredAttributes(NODE_ATTRIBUTES, graph.mapNodes((_node, attributes) => attributes), NODE_OWN);
  const arcAttributes = declaredAttributes(ARC_ATTRIBUTES, graph.mapEdges((_edge, attributes) => attributes), ARC_OWN);
  declare("node", nodeAttributes);
  declare("edge", arcAttributes);

  const values = (parent: Element, declared: Array<[string, ValueType]>, attrs: Attributes) => {
    const present = declared.filter(([name]) => attrs[name] !== null && attrs[name] !== undefined);
    if (present.length === 0) return;
    const list = child(parent, "attvalues");
    for (const [name] of present) child(list, "attvalue", { for: name, value: String(attrs[name]) });
  };
  const nodes = child(g, "nodes");
  graph.forEachNode((id, attrs) => {
    line(nodes);
    const node = child(nodes, "node", { id, label: attrs.label });
    values(node, nodeAttributes, attrs);
    child(node, "color", rgb(nodeColour(attrs)), VIZ);
    child(node, "size", { value: nodeSize(attrs.inStrength) }, VIZ);
    if (attrs.x !== undefined && attrs.y !== undefined) child(node, "position", { x: attrs.x, y: attrs.y, z: 0 }, VIZ);
  });
  const edges = child(g, "edges");
  graph.forEachEdge((key, attrs, source, target) => {
    line(edges);
    const edge = child(edges, "edge", { id: key, source, target, weight: attrs.weight });
    values(edge, arcAttributes, attrs);
    // A collaboration only wished for has no current form: drawn in the wish's colour, as thick as the wish.
    const wish = attrs.deepest === undefined;
    child(edge, "color", rgb(wish ? DESIRED_COLOURS.wished : FORM_COLOURS[attrs.deepest!]), VIZ);
    child(edge, "thickness", { value: arcThickness(wish ? (attrs.desiredWeight ?? 1) : attrs.weight) }, VIZ);
  });
  line(nodes);
  line(edges);
  return xmlFile(doc);
}
