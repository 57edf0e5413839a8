import type Graph from "graphology";

/**
 * Compressed sparse row adjacency of a directed graph: the arcs out of node i are
 * `targets[starts[i]]` .. `targets[starts[i + 1] - 1]`, with their weights beside
 * them. Path and PageRank kernels walk these typed arrays instead of the graph
 * object, which is what makes them fast on big graphs.
 */
export interface Csr {
  /** Node keys in graph order; position i in the arrays is `ids[i]`. */
  ids: string[];
  starts: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** The CSR of `graph`; an arc without a numeric `weight` attribute weighs 1, as in NetworkX. */
export function toCsr(graph: Graph): Csr {
  const ids = graph.nodes();
  const index = new Map(ids.map((id, i) => [id, i]));
  const starts = new Int32Array(ids.length + 1);
  const targets = new Int32Array(graph.size);
  const weights = new Float64Array(graph.size);
  let j = 0;
  ids.forEach((id, i) => {
    starts[i] = j;
    graph.forEachOutEdge(id, (_edge, attributes, _source, target) => {
      targets[j] = index.get(target)!;
      weights[j] = typeof attributes.weight === "number" ? attributes.weight : 1;
      j++;
    });
  });
  starts[ids.length] = j;
  return { ids, starts, targets, weights };
}
