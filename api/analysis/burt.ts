import type { UndirectedGraph } from "graphology";

/**
 * Burt's structural-hole measures on an undirected unweighted simple graph, as
 * NetworkX `constraint(U)` and `effective_size(U)` compute them. With no weights
 * the proportional tie strength p(u, v) is 1 / degree(u) for each neighbour v.
 * Both are undefined for isolates (NetworkX: NaN), reported as null.
 */

/** c(v) = sum over neighbours j of (p(v,j) + sum over q adjacent to both of p(v,q) p(q,j))^2. */
export function constraint(graph: UndirectedGraph): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  graph.forEachNode((v) => {
    const dv = graph.degree(v);
    if (dv === 0) {
      result[v] = null;
      return;
    }
    let c = 0;
    graph.forEachNeighbor(v, (j) => {
      let indirect = 0;
      graph.forEachNeighbor(v, (q) => {
        if (graph.hasEdge(q, j)) indirect += (1 / dv) * (1 / graph.degree(q));
      });
      c += (1 / dv + indirect) ** 2;
    });
    result[v] = c;
  });
  return result;
}

/** Borgatti's form for unweighted graphs: e(v) = k - 2t/k, k neighbours with t edges among them. */
export function effectiveSize(graph: UndirectedGraph): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  graph.forEachNode((v) => {
    const neighbours = graph.neighbors(v);
    const k = neighbours.length;
    if (k === 0) {
      result[v] = null;
      return;
    }
    let t = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) if (graph.hasEdge(neighbours[a]!, neighbours[b]!)) t++;
    }
    result[v] = k - (2 * t) / k;
  });
  return result;
}
