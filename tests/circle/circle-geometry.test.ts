import { describe, expect, it } from "vitest";
import { FORMS } from "../../api/schema/forms.ts";
import {
  DISC,
  SCORES,
  cellCentre,
  layoutChips,
  pointAt,
  ringOf,
  spotAt,
  type Placement,
} from "../../viz/circle/circle-geometry.ts";

describe("the circle's geometry", () => {
  it("puts information upper-left, support upper-right and co-creation at the bottom", () => {
    expect(spotAt(-100, -100)).toEqual({ kind: "cell", form: "information", score: expect.any(Number) });
    expect(spotAt(100, -100)).toEqual({ kind: "cell", form: "support", score: expect.any(Number) });
    expect(spotAt(0, 150)).toEqual({ kind: "cell", form: "cocreation", score: expect.any(Number) });
    // The sector boundaries: twelve o'clock, and 30° below the horizontal on either side.
    expect(spotAt(1, -150)).toMatchObject({ form: "support" });
    expect(spotAt(-1, -150)).toMatchObject({ form: "information" });
    expect(spotAt(...pointAt(119, 150))).toMatchObject({ form: "support" });
    expect(spotAt(...pointAt(121, 150))).toMatchObject({ form: "cocreation" });
    expect(spotAt(...pointAt(239, 150))).toMatchObject({ form: "cocreation" });
    expect(spotAt(...pointAt(241, 150))).toMatchObject({ form: "information" });
  });

  it("reads the score from the ring, 4 innermost, and knows the centre and the outside", () => {
    expect(spotAt(0, 0)).toEqual({ kind: "centre" });
    expect(spotAt(0, -(DISC.radius + 1))).toEqual({ kind: "outside" });
    expect(spotAt(0, -(DISC.centre + 1))).toMatchObject({ score: 4 });
    expect(spotAt(0, -(DISC.radius - 1))).toMatchObject({ score: 1 });
    expect(spotAt(0, -DISC.radius)).toMatchObject({ score: 1 });
    for (const form of FORMS) {
      for (const score of SCORES) expect(spotAt(...cellCentre(form, score))).toEqual({ kind: "cell", form, score });
    }
  });

  it("places any number of chips in a cell without overlap, inside the cell, the same way every time", () => {
    for (const form of FORMS) {
      for (const score of SCORES) {
        for (let n = 1; n <= 14; n++) {
          const placements: Placement[] = Array.from({ length: n }, (_, i) => ({ partner: `p${i}`, form, score }));
          const chips = layoutChips(placements);
          expect(chips.map((c) => c.partner)).toEqual(placements.map((p) => p.partner));
          expect(layoutChips(placements)).toEqual(chips);
          const { inner, outer } = ringOf(score);
          for (const c of chips) {
            expect(c.r).toBeGreaterThan(5);
            expect(spotAt(c.x, c.y)).toEqual({ kind: "cell", form, score });
            const r = Math.hypot(c.x, c.y);
            expect(r - c.r).toBeGreaterThanOrEqual(inner - 1e-9);
            expect(r + c.r).toBeLessThanOrEqual(outer + 1e-9);
            // Clear of both sector boundaries.
            for (const edge of [pointAt(0, 1), pointAt(120, 1), pointAt(240, 1)]) {
              const along = c.x * edge[0] + c.y * edge[1];
              const off = Math.abs(c.x * edge[1] - c.y * edge[0]);
              if (along > 0) expect(off).toBeGreaterThanOrEqual(c.r);
            }
          }
          for (let i = 0; i < chips.length; i++) {
            for (let j = i + 1; j < chips.length; j++) {
              const [a, b] = [chips[i]!, chips[j]!];
              expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r);
            }
          }
        }
      }
    }
  });

  it("keeps chips of different cells apart and one partner's placements in their own sectors", () => {
    const chips = layoutChips([
      { partner: "a", form: "information", score: 4 },
      { partner: "a", form: "support", score: 4 },
      { partner: "b", form: "support", score: 3 },
    ]);
    expect(chips.map((c) => spotAt(c.x, c.y))).toEqual([
      { kind: "cell", form: "information", score: 4 },
      { kind: "cell", form: "support", score: 4 },
      { kind: "cell", form: "support", score: 3 },
    ]);
  });
});
