import type { Csr } from "./csr.ts";

/**
 * NetworkX `pagerank(G, alpha, weight="weight")` in CSR order: power iteration
 * from the uniform vector, each arc's share of its source's out-strength as the
 * transition probability, a dangling node's rank spread uniformly, stopped when
 * the L1 change falls below n * tolerance.
 *
 * The L1 change shrinks by at least a factor alpha per step (it starts at most
 * 2), so the loop ends; with NetworkX's defaults within its 100 iterations.
 */
export function pagerank({ ids, starts, targets, weights }: Csr, alpha = 0.85, tolerance = 1e-6): Float64Array {
  const n = ids.length;
  if (n === 0) return new Float64Array(0);
  const transition = new Float64Array(targets.length);
  const dangling: number[] = [];
  for (let v = 0; v < n; v++) {
    let strength = 0;
    for (let j = starts[v]!; j < starts[v + 1]!; j++) strength += weights[j]!;
    if (strength === 0) dangling.push(v);
    else for (let j = starts[v]!; j < starts[v + 1]!; j++) transition[j] = weights[j]! / strength;
  }

  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let change = Infinity;
  while (change >= n * tolerance) {
    let danglingRank = 0;
    for (const v of dangling) danglingRank += rank[v]!;
    next.fill(0);
    for (let v = 0; v < n; v++) {
      const r = rank[v]!;
      for (let j = starts[v]!, end = starts[v + 1]!; j < end; j++) {
        const w = targets[j]!;
        next[w] = next[w]! + r * transition[j]!;
      }
    }
    change = 0;
    for (let v = 0; v < n; v++) {
      next[v] = alpha * (next[v]! + danglingRank / n) + (1 - alpha) / n;
      change += Math.abs(next[v]! - rank[v]!);
    }
    [rank, next] = [next, rank];
  }
  return rank;
}
