import type { UndirectedGraph } from "graphology";
import { weightedInDegree, weightedOutDegree } from "graphology-metrics/node/weighted-degree.js";
import { constraint, effectiveSize } from "./burt.ts";
import { toCsr } from "./csr.ts";
import type { LotGraph } from "./lot-graph.ts";
import type { NodeFigures } from "./metrics-schema.ts";
import { pagerank } from "./pagerank.ts";
import { pathCentrality } from "./path-centrality.ts";

/** The node figures of docs/metrics.md on the current network for every node of `graph` (with its U), in node order. */
export function nodeFigures(graph: LotGraph, u: UndirectedGraph): Array<Omit<NodeFigures, "desiredInStrength">> {
  const csr = toCsr(graph);
  const { betweenness, closeness } = pathCentrality(csr);
  const rank = pagerank(csr);
  const constraints = constraint(u);
  const sizes = effectiveSize(u);
  return csr.ids.map((id, i) => {
    const attrs = graph.getNodeAttributes(id);
    return {
      id,
      name: attrs.name,
      role: attrs.role,
      responded: attrs.responded,
      inDegree: graph.inDegree(id),
      outDegree: graph.outDegree(id),
      inStrength: weightedInDegree(graph, id, "weight"),
      outStrength: weightedOutDegree(graph, id, "weight"),
      betweenness: betweenness[i]!,
      closeness: closeness[i]!,
      pagerank: rank[i]!,
      constraint: constraints[id] ?? null,
      effectiveSize: sizes[id] ?? null,
      crossings: attrs.crossings,
    };
  });
}
