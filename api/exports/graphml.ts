import { DOMImplementation, XMLSerializer } from "@xmldom/xmldom";
import type { Attributes } from "graphology-types";
import type { NetworkGraph } from "./lot-network.ts";

const NS = "http://graphml.graphdrawing.org/xmlns";
type KeyType = "boolean" | "int" | "double" | "string";

/** The GraphML type of every attribute that has a value somewhere; a mix of kinds falls back to string. */
function model(elements: Attributes[]): Map<string, KeyType> {
  const types = new Map<string, KeyType>();
  for (const attrs of elements) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      const type: KeyType =
        typeof value === "boolean" ? "boolean" : typeof value === "number" ? (Number.isInteger(value) ? "int" : "double") : "string";
      const seen = types.get(name);
      if (seen === undefined || seen === type) types.set(name, type);
      else types.set(name, (seen === "int" && type === "double") || (seen === "double" && type === "int") ? "double" : "string");
    }
  }
  return types;
}

/**
 * GraphML for igraph, R and yEd. graphology-graphml only reads GraphML, so the
 * document is built as a DOM with @xmldom/xmldom (which that reader uses too) and
 * serialised: escaping is the serialiser's job, not string concatenation's.
 */
export function toGraphml(graph: NetworkGraph): string {
  const doc = new DOMImplementation().createDocument(NS, "graphml", null);
  const root = doc.documentElement!;
  const line = (parent: Element) => parent.appendChild(doc.createTextNode("\n"));
  const nodeModel = model(graph.mapNodes((_id, a) => a));
  const edgeModel = model(graph.mapEdges((_key, a) => a));
  const keyId = (domain: "node" | "edge", name: string) => `${domain[0]}_${name}`;

  line(root);
  for (const [domain, types] of [["node", nodeModel], ["edge", edgeModel]] as const) {
    for (const [name, type] of types) {
      const key = doc.createElementNS(NS, "key");
      key.setAttribute("id", keyId(domain, name));
      key.setAttribute("for", domain);
      key.setAttribute("attr.name", name);
      key.setAttribute("attr.type", type);
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
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc, undefined, undefined, { requireWellFormed: true })}\n`;
}
