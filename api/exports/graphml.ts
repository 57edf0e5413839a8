import { DOMImplementation } from "@xmldom/xmldom";
import type { Attributes } from "graphology-types";
import type { NetworkGraph } from "./lot-network.ts";
import { ARC_ATTRIBUTES, NODE_ATTRIBUTES, declaredAttributes, type ValueType } from "./network-attributes.ts";
import { xmlFile } from "./xml-file.ts";

const NS = "http://graphml.graphdrawing.org/xmlns";
const GRAPHML_TYPES: Record<ValueType, string> = { string: "string", integer: "int", double: "double", boolean: "boolean" };

/**
 * GraphML for igraph, R and yEd. graphology-graphml only reads GraphML, so the
 * document is built as a DOM with @xmldom/xmldom (which that reader uses too) and
 * serialised: escaping is the serialiser's job, not string concatenation's.
 */
export function toGraphml(graph: NetworkGraph): string {
  const doc = new DOMImplementation().createDocument(NS, "graphml", null);
  const root = doc.documentElement!;
  const line = (parent: Element) => parent.appendChild(doc.createTextNode("\n"));
  const nodeModel = declaredAttributes(NODE_ATTRIBUTES, graph.mapNodes((_node, attributes) => attributes));
  const edgeModel = declaredAttributes(ARC_ATTRIBUTES, graph.mapEdges((_edge, attributes) => attributes));
  const keyId = (domain: "node" | "edge", name: string) => `${domain[0]}_${name}`;

  line(root);
  for (const [domain, types] of [["node", nodeModel], ["edge", edgeModel]] as const) {
    for (const [name, type] of types) {
      const key = doc.createElementNS(NS, "key");
      key.setAttribute("id", keyId(domain, name));
      key.setAttribute("for", domain);
      key.setAttribute("attr.name", name);
      key.setAttribute("attr.type", GRAPHML_TYPES[type]);
      root.appendChild(key);
      line(root);
    }
  }
  const g = doc.createElementNS(NS, "graph");
  g.setAttribute("id", graph.getAttribute("lot") ?? graph.getAttribute("call"));
  g.setAttribute("edgedefault", "directed");
  root.appendChild(g);
  line(root);
  line(g);

  const data = (parent: Element, domain: "node" | "edge", attrs: Attributes) => {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      const d = doc.createElementNS(NS, "data");
      d.setAttribute("key", keyId(domain, name));
      d.appendChild(doc.createTextNode(String(value)));
      parent.appendChild(d);
    }
  };
  graph.forEachNode((id, attrs) => {
    const node = doc.createElementNS(NS, "node");
    node.setAttribute("id", id);
    data(node, "node", attrs);
    g.appendChild(node);
    line(g);
  });
  graph.forEachEdge((key, attrs, source, target) => {
    const edge = doc.createElementNS(NS, "edge");
    edge.setAttribute("id", key);
    edge.setAttribute("source", source);
    edge.setAttribute("target", target);
    data(edge, "edge", attrs);
    g.appendChild(edge);
    line(g);
  });
  return xmlFile(doc);
}
