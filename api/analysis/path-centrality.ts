import type { Csr } from "./csr.ts";

export interface PathCentrality {
  /** NetworkX `betweenness_centrality(G)`: directed, unweighted, normalized by (n-1)(n-2). */
  betweenness: Float64Array;
  /** NetworkX `closeness_centrality(G)`: distances into the node, Wasserman-Faust scaled. */
  closeness: Float64Array;
}

/**
 * Betweenness and closeness of every node of a directed unweighted graph, in CSR
 * order, from one Brandes sweep: the breadth-first search from each source s both
 * yields s's dependencies (betweenness) and the distances d(s, v) from s, which
 * summed over s are v's inward distances (closeness). One sweep instead of two.
 *
 * Closeness of v with r nodes reaching it at total distance t is
 * (r / t) * (r / (n - 1)), 0 when t = 0.
 */
export function pathCentrality({ ids, starts, targets }: Csr): PathCentrality {
  const n = ids.length;
  const betweenness = new Float64Array(n);
  const reachedBy = new Float64Array(n);
  const distanceIn = new Float64Array(n);
  const distance = new Int32Array(n).fill(-1);
  const paths = new Float64Array(n);
  const dependency = new Float64Array(n);
  // BFS queue, read backwards afterwards as Brandes' stack.
  const order = new Int32Array(n);

  for (let s = 0; s < n; s++) {
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    distance[s] = 0;
    paths[s] = 1;
    while (head < tail) {
      const v = order[head++]!;
      const next = distance[v]! + 1;
      const pathsV = paths[v]!;
      for (let j = starts[v]!, end = starts[v + 1]!; j < end; j++) {
        const w = targets[j]!;
        if (distance[w]! < 0) {
          distance[w] = next;
          order[tail++] = w;
        }
        if (distance[w] === next) paths[w] = paths[w]! + pathsV;
      }
    }
    // Successors rather than predecessor lists: w's shortest-path successors are its
    // out-neighbours one step further, so no per-source lists need building.
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i]!;
      const next = distance[w]! + 1;
      let sum = 0;
      for (let j = starts[w]!, end = starts[w + 1]!; j < end; j++) {
        const x = targets[j]!;
        if (distance[x] === next) sum += (1 + dependency[x]!) / paths[x]!;
      }
      dependency[w] = paths[w]! * sum;
      betweenness[w] = betweenness[w]! + dependency[w]!;
      reachedBy[w] = reachedBy[w]! + 1;
      distanceIn[w] = distanceIn[w]! + next - 1;
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      distance[v] = -1;
      paths[v] = 0;
      dependency[v] = 0;
    }
  }

  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  const closeness = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    betweenness[v] = betweenness[v]! * scale;
    const r = reachedBy[v]!;
    const t = distanceIn[v]!;
    if (t > 0) closeness[v] = (r / t) * (r / (n - 1));
  }
  return { betweenness, closeness };
}
