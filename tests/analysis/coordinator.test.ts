import { describe, expect, it } from "vitest";
import { competitionRank } from "../../api/analysis/coordinator.ts";
import { lotMetrics } from "../../api/analysis/lot-metrics.ts";
import { complete, lot, star } from "./lot.ts";

const coordinator = (data: Parameters<typeof lotMetrics>[0]) => lotMetrics(data, "all").coordinator;

describe("coordinator figures", () => {
  it("a star around the coordinator: everything depends on it, it receives everything", () => {
    const metrics = lotMetrics(lot(["c", "a", "b", "d"], star("c", ["a", "b", "d"], { support: 3 })), "all");
    // c receives 3 x 3 of the 18 points: S = 1/2, dominance (1/2 - 1/4) / (3/4) = 1/3.
    expect(metrics.coordinator).toEqual({
      id: "c",
      inStrengthShare: 0.5,
      dominanceIndex: expect.closeTo(1 / 3, 12),
      rank: 1,
      top: true,
      dependency: 1,
      desiredInStrengthShare: null,
      desiredDominanceIndex: null,
    });
    expect(metrics.network.degreeCentralization).toBe(1);
  });

  it("an inward star: the coordinator receives all, dominance 1", () => {
    const inward = lot(["c", "a", "b"], { a: { c: { information: 2 } }, b: { c: { information: 4 } } });
    expect(coordinator(inward)).toMatchObject({ inStrengthShare: 1, dominanceIndex: 1, rank: 1, dependency: 1 });
  });

  it("a complete graph: nothing hangs on the coordinator, an equal share", () => {
    const members = ["c", "a", "b", "d", "e"];
    expect(coordinator(lot(members, complete(members)))).toEqual({
      id: "c",
      inStrengthShare: 0.2,
      dominanceIndex: expect.closeTo(0, 12),
      rank: 1,
      top: true,
      dependency: 0,
      desiredInStrengthShare: null,
      desiredDominanceIndex: null,
    });
  });

  it("counts only the pairs the coordinator alone connects", () => {
    // a - c - b, and a separate pair d - e: of the 6 pairs of others, only {a, b} needs c.
    const data = lot(["c", "a", "b", "d", "e"], { c: { a: { information: 1 }, b: { information: 1 } }, d: { e: { support: 2 } } });
    expect(coordinator(data)?.dependency).toBeCloseTo(1 / 6, 12);
    // a - c - b with a - b too: nothing needs c.
    const triangle = lot(["c", "a", "b"], { c: { a: { information: 1 }, b: { information: 1 } }, a: { b: { information: 1 } } });
    expect(coordinator(triangle)?.dependency).toBe(0);
  });

  it("ranks by in-strength with ties ranked best, and a below-equal share is negative", () => {
    // in-strength: a 4, b 4, c 3, d 0.
    const data = lot(["c", "a", "b", "d"], {
      d: { a: { support: 4 }, b: { information: 4 }, c: { information: 3 } },
    });
    const figures = coordinator(data)!;
    expect(figures.rank).toBe(3);
    expect(figures.top).toBe(false);
    expect(figures.inStrengthShare).toBeCloseTo(3 / 11, 12);
    expect(figures.dominanceIndex).toBeCloseTo((3 / 11 - 1 / 4) / (3 / 4), 12);
    const tied = lot(["c", "a", "b"], { b: { a: { support: 2 }, c: { support: 2 } } });
    expect(coordinator(tied)).toMatchObject({ rank: 1, top: true });
  });

  it("competition ranking is 1224", () => {
    const values = [9, 7, 7, 3];
    expect(values.map((v) => competitionRank(v, values))).toEqual([1, 2, 2, 4]);
  });

  it("is null without an active coordinator, and its figures null where undefined", () => {
    expect(coordinator(lot(["a", "b"], {}, { coordinator: null }))).toBeNull();
    expect(coordinator(lot(["c", "a"], { a: { c: { support: 1 } } }, { inactive: ["c"] }))).toBeNull();
    // No arcs: no shares; two others: dependency defined.
    expect(coordinator(lot(["c", "a", "b"], {}))).toEqual({
      id: "c", inStrengthShare: null, dominanceIndex: null, rank: 1, top: true, dependency: 0,
      desiredInStrengthShare: null, desiredDominanceIndex: null,
    });
    // Alone: n = 1, no other pair.
    expect(coordinator(lot(["c"], { c: {} }))).toEqual({
      id: "c", inStrengthShare: null, dominanceIndex: null, rank: 1, top: true, dependency: null,
      desiredInStrengthShare: null, desiredDominanceIndex: null,
    });
    // One other: dependency needs two.
    expect(coordinator(lot(["c", "a"], { a: { c: { support: 1 } } }))).toMatchObject({ inStrengthShare: 1, dominanceIndex: 1, dependency: null });
  });
});
