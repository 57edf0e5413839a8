import type { Csr } from "./csr.ts";

export interface PathCentrality {
  /** NetworkX `betweenness_centrality(G)`: directed, unweighted, normalized by (n-1)(n-2). */
  betweenness: Float64Array;
  /** NetworkX `closeness_centrality(G)`: distances into the node, Wasserman-Faust scaled. */
  closeness: Float64Array;
}

/**
 * Betweenness and closeness
 * =========================
 *
 * Betweenness and closeness of every node of a directed unweighted graph, in CSR
 * order, from one Brandes sweep: the breadth-first search from each source s
 * yields both s's dependencies (betweenness) and the distances d(s, v), which
 * summed over s are v's inward distances (closeness). One sweep instead of two.
 *
 * Closeness of v, reached from r nodes at total distance t: (r / t) * (r / (n - 1)),
 * 0 when t = 0 (Wasserman and Faust's scaling for graphs that are not strongly
 * connected, as NetworkX uses). Betweenness is 0 everywhere when n <= 2.
 *
 * [References]:
 * Brandes, Ulrik, A faster algorithm for betweenness centrality.
 * Journal of Mathematical Sociology 25(2), 163-177, 2001.
 * Wasserman, Stanley and Faust, Katherine, Social Network Analysis: Methods and
 * Applications. Cambridge University Press, 1994.
 */
export function pathCentrality({ ids, starts, targets }: Csr): PathCentrality {
  const n = ids.length;
  const betweenness = new Float64Array(n);
  const reachedBy = new Float64Array(n);
  const distanceIn = new Float64Array(n);
  const distance = new Int32Array(n).fill(-1);
  const paths = new Float64Array(n);
  const dependency = new Float64Array(n);
  // (1 + dependency) / paths of the nodes one level below the one being accumulated, 0 elsewhere.
  const coefficient = new Float64Array(n);
  // BFS queue; its levels are contiguous, level l starting at levelStart[l].
  const order = new Int32Array(n);
  const levelStart = new Int32Array(n + 1);

  for (let s = 0; s < n; s++) {
    let head = 0;
    let tail = 1;
    let deepest = 0;
    order[0] = s;
    distance[s] = 0;
    paths[s] = 1;
    while (head < tail) {
      const v = order[head]!;
      const level = distance[v]!;
      if (level > deepest) levelStart[(deepest = level)] = head;
      head++;
      const next = level + 1;
      const pathsV = paths[v]!;
      // Branch-free on purpose: whether w is new or on the next level is a coin toss
      // the CPU mispredicts, and that costs more than the unconditional writes.
      for (let j = starts[v]!, end = starts[v + 1]!; j < end; j++) {
        const w = targets[j]!;
        const seen = distance[w]!;
        const fresh = seen >>> 31; // 1 when unseen (-1)
        const d = seen + fresh * (next - seen);
        distance[w] = d;
        order[tail] = w;
        tail += fresh;
        // d <= next in BFS, so 1 + ((d - next) >> 31) is 1 when d = next, else 0.
        paths[w] = paths[w]! + pathsV * (1 + ((d - next) >> 31));
      }
    }
    levelStart[deepest + 1] = tail;

    // Dependencies level by level from the deepest: the successors of w are its
    // out-neighbours one level down, and with `coefficient` zero on every other
    // level, summing it over all out-neighbours needs no distance test.
    for (let level = deepest; level > 0; level--) {
      if (level + 2 <= deepest) {
        for (let i = levelStart[level + 2]!; i < levelStart[level + 3]!; i++) coefficient[order[i]!] = 0;
      }
      const from = levelStart[level]!;
      const to = levelStart[level + 1]!;
      for (let i = from; i < to; i++) {
        const w = order[i]!;
        let sum = 0;
        for (let j = starts[w]!, end = starts[w + 1]!; j < end; j++) sum += coefficient[targets[j]!]!;
        const delta = paths[w]! * sum;
        dependency[w] = delta;
        betweenness[w] = betweenness[w]! + delta;
        reachedBy[w] = reachedBy[w]! + 1;
        distanceIn[w] = distanceIn[w]! + level;
      }
      // Only now: a same-level neighbour must still read 0 while its level sums.
      for (let i = from; i < to; i++) {
        const w = order[i]!;
        coefficient[w] = (1 + dependency[w]!) / paths[w]!;
      }
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      distance[v] = -1;
      paths[v] = 0;
      coefficient[v] = 0;
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
