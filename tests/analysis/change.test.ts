import { describe, expect, it } from "vitest";
import { waveChange } from "../../api/analysis/change.ts";
import { WaveChangeSchema } from "../../api/analysis/metrics-schema.ts";
import { lot } from "./lot.ts";

const members = ["c", "a", "b", "d"];
const first = lot(members, {
  c: { a: { information: 2 }, b: { support: 3 } },
  a: { c: { information: 4 } },
}, { wave: "w1" });
const second = lot(members, {
  c: { a: { information: 3 }, d: { cocreation: 4 } },
  a: { c: { support: 1 }, d: { information: 2 } },
  d: { c: { information: 2 } },
}, { wave: "w2" });

describe("change between waves", () => {
  const change = waveChange(first, second, "all");

  it("compares the arc sets, weights ignored", () => {
    // A = {c->a, c->b, a->c}, B = {c->a, c->d, a->c, a->d, d->c}: 2 common of 6.
    expect(change.arcJaccard).toBeCloseTo(2 / 6, 12);
    expect(change.added).toEqual([
      { from: "a", to: "d" },
      { from: "c", to: "d" },
      { from: "d", to: "c" },
    ]);
    expect(change.dropped).toEqual([{ from: "c", to: "b" }]);
  });

  it("reports b - a of the network figures, null where either side is null", () => {
    expect(change.delta).toMatchObject({
      n: 0,
      m: 2,
      respondents: 1,
      responseRate: 0.25,
      density: expect.closeTo(2 / 12, 12),
      // Wave 1: among c, a only c<->a, 1; wave 2: c<->a, c<->d reciprocated, a->d not: 4 / 5.
      reciprocity: expect.closeTo(4 / 5 - 1, 12),
      components: 0,
      forms: { cocreation: { share: 1 / 5, meanContribution: null } },
    });
    expect(change.delta.forms.information.share).toBeCloseTo(3 / 5 - 2 / 3, 12);
    expect(change.delta.depth.cocreation).toBeCloseTo(1 / 5, 12);
    expect(change.waves).toEqual({ a: { id: "w1", name: "w1" }, b: { id: "w2", name: "w2" } });
    expect(WaveChangeSchema.safeParse(change).success).toBe(true);
  });

  it("follows the layer and missing mode", () => {
    const reconstructed = waveChange(first, second, "information", "reconstruct");
    // A: c->a, a->c; B: c->a, a->d, d->c (d responded in wave 2, so nothing is mirrored).
    expect(reconstructed.added).toEqual([{ from: "a", to: "d" }, { from: "d", to: "c" }]);
    expect(reconstructed.dropped).toEqual([{ from: "a", to: "c" }]);
    expect(reconstructed.arcJaccard).toBeCloseTo(1 / 4, 12);
  });

  it("has a null Jaccard index when both waves have no arcs, and no change", () => {
    const none = waveChange(lot(members, {}, { wave: "w1" }), lot(members, {}, { wave: "w2" }), "all");
    expect(none).toMatchObject({ arcJaccard: null, added: [], dropped: [] });
    expect(none.delta).toMatchObject({ n: 0, m: 0, density: 0, meanContribution: null, reciprocity: null });
  });

  it("refuses two different lots", () => {
    const other = { ...second, lot: { id: "lot-2", number: 2, name: "Lot 2" } };
    expect(() => waveChange(first, other, "all")).toThrow(/one lot/);
  });
});
