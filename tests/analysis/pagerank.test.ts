import { describe, expect, it } from "vitest";
import { ConvergenceError, pagerank } from "../../api/analysis/pagerank.ts";
import { csrOf } from "./kernel-graph.ts";

const close = (actual: Float64Array, expected: number[], tolerance = 1e-6) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((r, i) => expect(Math.abs(r - expected[i]!), `node ${i}: ${r} vs ${expected[i]}`).toBeLessThan(tolerance));
};
const sum = (ranks: Float64Array) => ranks.reduce((s, r) => s + r, 0);

describe("PageRank kernel", () => {
  it("gives nothing for the empty graph and everything to a single node", () => {
    expect(pagerank(csrOf(0, []))).toHaveLength(0);
    expect([...pagerank(csrOf(1, []))]).toEqual([1]);
  });

  it("on two nodes: equal when mutual, 1/(2+alpha) for the source of a single arc", () => {
    close(pagerank(csrOf(2, [[0, 1], [1, 0]])), [0.5, 0.5]);
    // The target is dangling: its rank goes back to both nodes uniformly.
    close(pagerank(csrOf(2, [[0, 1]])), [1 / 2.85, 1 - 1 / 2.85]);
    close(pagerank(csrOf(2, [[0, 1]]), 0.5), [1 / 2.5, 1 - 1 / 2.5]);
    // No arcs at all: every node dangles, ranks stay uniform.
    close(pagerank(csrOf(2, [])), [0.5, 0.5]);
  });

  it("splits rank over disconnected parts by their size, and sums to 1", () => {
    const ranks = pagerank(csrOf(5, [[0, 1], [1, 0], [2, 3], [3, 4], [4, 2]]));
    close(ranks, [0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(Math.abs(sum(ranks) - 1)).toBeLessThan(1e-12);
  });

  it("follows the weights as NetworkX does", () => {
    // NetworkX 2.8: pagerank(G, alpha=0.85, weight="weight") on these arcs.
    const ranks = pagerank(csrOf(4, [[0, 1, 4], [0, 2, 1], [1, 2, 2], [2, 0, 3], [3, 0, 1]]));
    close(ranks, [0.3523992614689997, 0.27713068112273065, 0.3329700574082698, 0.0375]);
  });

  it("fails loudly when the iteration does not settle within the cap, as NetworkX does", () => {
    // With alpha = 1 the ranks on 0 -> 1, 1 -> 0, 2 -> 0 oscillate for ever.
    const periodic = csrOf(3, [[0, 1], [1, 0], [2, 0]]);
    expect(() => pagerank(periodic, 1)).toThrow(ConvergenceError);
    expect(() => pagerank(periodic, 1)).toThrow("PageRank did not converge within 100 iterations");
    // The same graph settles with the damping NetworkX uses by default...
    close(pagerank(periodic), [0.48648582432442095, 0.46351417567557884, 0.05]);
    // ... but not within a cap that is too low for the tolerance.
    expect(() => pagerank(periodic, 0.85, 1e-12, 5)).toThrow("within 5 iterations");
  });

  it("refuses an alpha outside [0, 1], a tolerance that is not positive, and a bad iteration cap", () => {
    const g = csrOf(2, [[0, 1]]);
    for (const alpha of [-0.1, 1.01, Number.NaN]) expect(() => pagerank(g, alpha), String(alpha)).toThrow(/alpha must be between 0 and 1/);
    for (const tolerance of [0, -1e-6, Number.NaN, Infinity]) expect(() => pagerank(g, 0.85, tolerance), String(tolerance)).toThrow(/tolerance must be a positive number/);
    for (const cap of [0, 1.5, Number.NaN]) expect(() => pagerank(g, 0.85, 1e-6, cap), String(cap)).toThrow(/iteration cap/);
    // alpha = 0 is teleportation only: uniform.
    close(pagerank(g, 0), [0.5, 0.5]);
  });

  it("refuses a NaN, infinite or negative weight instead of returning NaN ranks", () => {
    for (const weight of [Number.NaN, -1, Infinity]) {
      expect(() => pagerank(csrOf(3, [[0, 1, 2], [1, 2, weight]])), String(weight)).toThrow(/the arc 1 -> 2 has weight .*finite and not negative/);
    }
  });
});
