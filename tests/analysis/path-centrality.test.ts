import { describe, expect, it } from "vitest";
import { pathCentrality } from "../../api/analysis/path-centrality.ts";
import { csrOf } from "./kernel-graph.ts";

const figures = (n: number, arcs: Array<[number, number]>) => {
  const { betweenness, closeness } = pathCentrality(csrOf(n, arcs));
  return { betweenness: [...betweenness], closeness: [...closeness] };
};
const near = (actual: number[], expected: number[]) => actual.forEach((x, i) => expect(x, `node ${i}`).toBeCloseTo(expected[i]!, 12));

describe("betweenness and closeness kernel", () => {
  it("gives nothing for the empty graph and zeros for a single node", () => {
    expect(figures(0, [])).toEqual({ betweenness: [], closeness: [] });
    expect(figures(1, [])).toEqual({ betweenness: [0], closeness: [0] });
  });

  it("on two nodes: no node lies between; closeness counts distances into a node", () => {
    expect(figures(2, [[0, 1]])).toEqual({ betweenness: [0, 0], closeness: [0, 1] });
    expect(figures(2, [[0, 1], [1, 0]])).toEqual({ betweenness: [0, 0], closeness: [1, 1] });
    expect(figures(2, [])).toEqual({ betweenness: [0, 0], closeness: [0, 0] });
  });

  it("on a directed path: the middle node carries the one pair, closeness is scaled by reach", () => {
    const { betweenness, closeness } = figures(3, [[0, 1], [1, 2]]);
    // (0, 2) passes 1: 1 / ((n-1)(n-2)) = 1/2.
    near(betweenness, [0, 0.5, 0]);
    // Node 2 is reached by 2 nodes at total distance 3: (2/3)(2/2); node 1 by 1 at 1: (1/1)(1/2).
    near(closeness, [0, 0.5, 2 / 3]);
  });

  it("on disconnected parts: pairs without a path count for nothing, reach scales closeness down", () => {
    const { betweenness, closeness } = figures(6, [[0, 1], [1, 2], [3, 4], [4, 5]]);
    near(betweenness, [0, 1 / 20, 0, 0, 1 / 20, 0]);
    near(closeness, [0, 1 / 5, 4 / 15, 0, 1 / 5, 4 / 15]);
  });

  it("splits a pair's credit over its shortest paths (Brandes)", () => {
    // Diamond 0 -> {1, 2} -> 3: half of (0, 3) passes through each of 1 and 2.
    near(figures(4, [[0, 1], [0, 2], [1, 3], [2, 3]]).betweenness, [0, 1 / 12, 1 / 12, 0]);
    // A two-way star: every pair of leaves passes the centre.
    const star = figures(5, [1, 2, 3, 4].flatMap((leaf): Array<[number, number]> => [[0, leaf], [leaf, 0]]));
    near(star.betweenness, [1, 0, 0, 0, 0]);
    near(star.closeness, [1, 4 / 7, 4 / 7, 4 / 7, 4 / 7]);
  });
});
