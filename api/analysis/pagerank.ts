import type { Csr } from "./csr.ts";

/**
 * PageRank
 * ========
 *
 * NetworkX `pagerank(G, alpha, weight="weight", max_iter=100, tol=1e-6)` in CSR
 * order: power iteration from the uniform vector, each arc's share of its
 * source's out-strength as the transition probability, a dangling node's rank
 * spread uniformly, stopped when the L1 change falls below n * tolerance; like
 * NetworkX, it fails (ConvergenceError) when that has not happened after
 * `maxIterations` steps rather than return ranks that have not settled.
 *
 * With alpha < 1 the L1 change shrinks by a factor alpha per step from at most 2,
 * so alpha = 0.85 settles within 91 steps on any graph; alpha = 1 may never
 * settle (on 0 -> 1, 1 -> 0, 2 -> 0 the ranks oscillate).
 *
 * Bad input fails loudly: alpha outside [0, 1], a tolerance that is not a
 * positive number, or an arc weight that is NaN, infinite or negative.
 *
 * [Reference]:
 * Page, Lawrence; Brin, Sergey; Motwani, Rajeev and Winograd, Terry,
 * The PageRank citation ranking: Bringing order to the Web. Stanford InfoLab, 1999.
 */
export function pagerank(
  { ids, starts, targets, weights }: Csr,
  alpha = 0.85,
  tolerance = 1e-6,
  maxIterations = 100,
): Float64Array {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`PageRank: alpha must be between 0 and 1, not ${alpha}`);
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw new RangeError(`PageRank: tolerance must be a positive number, not ${tolerance}`);
  if (!(Number.isInteger(maxIterations) && maxIterations > 0)) {
    throw new RangeError(`PageRank: the iteration cap must be a positive whole number, not ${maxIterations}`);
  }
  const n = ids.length;
  if (n === 0) return new Float64Array(0);
  const transition = new Float64Array(targets.length);
  const dangling: number[] = [];
  for (let v = 0; v < n; v++) {
    let strength = 0;
    for (let j = starts[v]!; j < starts[v + 1]!; j++) {
      const w = weights[j]!;
      if (!(w >= 0 && w < Infinity)) throw new RangeError(`PageRank: the arc ${ids[v]} -> ${ids[targets[j]!]} has weight ${w}; weights must be finite and not negative`);
      strength += w;
    }
    if (strength === 0) dangling.push(v);
    else for (let j = starts[v]!; j < starts[v + 1]!; j++) transition[j] = weights[j]! / strength;
  }

  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
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
    let change = 0;
    for (let v = 0; v < n; v++) {
      next[v] = alpha * (next[v]! + danglingRank / n) + (1 - alpha) / n;
      change += Math.abs(next[v]! - rank[v]!);
    }
    [rank, next] = [next, rank];
    if (change < n * tolerance) return rank;
  }
  throw new ConvergenceError("PageRank", maxIterations);
}

/** An iterative figure that did not settle within its cap (NetworkX's PowerIterationFailedConvergence). */
export class ConvergenceError extends Error {
  constructor(
    readonly figure: string,
    readonly iterations: number,
  ) {
    super(`${figure} did not converge within ${iterations} iterations`);
    this.name = "ConvergenceError";
  }
}
