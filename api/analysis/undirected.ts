import { UndirectedGraph } from "graphology";
import type Graph from "graphology";

/** U of docs/metrics.md: the undirected simple graph with an edge {u, v} wherever u -> v or v -> u. */
export function undirectedSimple(graph: Graph): UndirectedGraph {
  const u = new UndirectedGraph();
  graph.forEachNode((node) => u.addNode(node));
  graph.forEachEdge((_edge, _attributes, source, target) => u.mergeEdge(source, target));
  return u;
}
