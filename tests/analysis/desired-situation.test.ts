import { describe, expect, it } from "vitest";
import type { LotData } from "../../api/analysis/lot-data.ts";
import { lotMetrics } from "../../api/analysis/lot-metrics.ts";
import type { Tie } from "../../api/schema/call-document.ts";
import { lot } from "./lot.ts";

/** Lot c (coordinator), a, b, x in a wave that asks `desired`, with the given circles. */
function wished(circles: Record<string, Tie[]>, asks: LotData["asks"] = { desired: true }): LotData {
  return {
    ...lot(["c", "a", "b", "x"], {}),
    asks,
    circles: Object.entries(circles).map(([respondent, ties]) => ({ respondent, ties })),
  };
}

/*
 * Drawn by hand. Respondents a and b (c and x do not answer).
 *   a -> c  now support 2,  wants support 4 + information 1   (deepen)
 *   a -> b  now info 3,     wants {} ("no collaboration")     (dropped, loosen)
 *   a -> x  no tie now,     wants cocreation 2                (wished, deepen)
 *   b -> c  now info 2,     wants info 2                      (same)
 *   b -> a  now cocreation 3, wants support 1                 (loosen)
 * Layer all: D = {a>c 4, a>x 2, b>c 2, b>a 1}; P = D + a>b.
 */
const drawn = wished({
  a: [
    { partner: "c", forms: { support: 2 }, desired: { support: 4, information: 1 } },
    { partner: "b", forms: { information: 3 }, desired: {} },
    { partner: "x", forms: {}, desired: { cocreation: 2 } },
    { partner: "outside", forms: {}, desired: { support: 1 } },
  ],
  b: [
    { partner: "c", forms: { information: 2 }, desired: { information: 2 } },
    { partner: "a", forms: { cocreation: 3 }, desired: { support: 1 } },
  ],
});

describe("desired situation", () => {
  it("counts desired arcs and the gap between current and desired on a hand-drawn lot", () => {
    const m = lotMetrics(drawn, "all");
    expect(m.desired).toEqual({
      m: 4,
      density: 4 / 12,
      meanContribution: (4 + 2 + 2 + 1) / 4,
      // d - c over P: a>c +2, a>b -3, a>x +2, b>c 0, b>a -2 = -1 over 5 pairs.
      gap: { deepen: 2, loosen: 2, same: 1, wished: 1, dropped: 1, meanDelta: -1 / 5 },
    });
    // A wish alone is not an arc: the current network has 4 arcs, none to x.
    expect(m.network.m).toBe(4);
    // Nor is a wish to an organisation outside the lot a crossing (and it is not a desired arc: no node).
    expect(m.nodes.find((n) => n.id === "a")!.crossings).toBe(0);
    expect(Object.fromEntries(m.nodes.map((n) => [n.id, n.desiredInStrength]))).toEqual({ c: 6, a: 1, b: 0, x: 2 });
    // Current: c receives 2 + 2 of 10; desired: 6 of 9. n = 4.
    expect(m.coordinator!.inStrengthShare).toBeCloseTo(0.4, 12);
    expect(m.coordinator!.desiredInStrengthShare).toBeCloseTo(6 / 9, 12);
    expect(m.coordinator!.desiredDominanceIndex).toBeCloseTo((6 / 9 - 1 / 4) / (3 / 4), 12);
  });

  it("keeps only the layer's forms on both sides", () => {
    // Support layer: current arcs a>c 2; desired a>c 4, b>a 1. P = {a>c, b>a}.
    const m = lotMetrics(drawn, "support");
    expect(m.desired).toEqual({
      m: 2,
      density: 2 / 12,
      meanContribution: 2.5,
      gap: { deepen: 2, loosen: 0, same: 0, wished: 1, dropped: 0, meanDelta: (2 + 1) / 2 },
    });
    // Cocreation layer: current b>a 3 is not wished any more (dropped); a>x is wished.
    expect(lotMetrics(drawn, "cocreation").desired!.gap).toEqual({ deepen: 1, loosen: 1, same: 0, wished: 1, dropped: 1, meanDelta: (2 - 3) / 2 });
  });

  it("does not depend on the missing mode: only respondents' own arcs are compared", () => {
    expect(lotMetrics(drawn, "all", "reconstruct").desired).toEqual(lotMetrics(drawn, "all", "observed").desired);
  });

  it("is null, per node and for the coordinator too, when the wave does not ask", () => {
    const m = lotMetrics(wished({ a: [{ partner: "c", forms: { support: 2 } }] }, {}), "all");
    expect(m.desired).toBeNull();
    expect(m.nodes.every((n) => n.desiredInStrength === null)).toBe(true);
    expect(m.coordinator).toMatchObject({ desiredInStrengthShare: null, desiredDominanceIndex: null });
  });

  it("has empty figures, not errors, when nobody wants anything", () => {
    const m = lotMetrics(wished({}), "all");
    expect(m.desired).toEqual({
      m: 0, density: 0, meanContribution: null,
      gap: { deepen: 0, loosen: 0, same: 0, wished: 0, dropped: 0, meanDelta: null },
    });
    expect(m.coordinator).toMatchObject({ desiredInStrengthShare: null, desiredDominanceIndex: null });
  });
});
