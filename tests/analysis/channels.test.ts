import { describe, expect, it } from "vitest";
import type { LotData } from "../../api/analysis/lot-data.ts";
import { lotMetrics } from "../../api/analysis/lot-metrics.ts";
import type { Tie } from "../../api/schema/call-document.ts";
import { lot } from "./lot.ts";

function organised(circles: Record<string, Tie[]>, asks: LotData["asks"] = { channels: true }): LotData {
  return {
    ...lot(["c", "a", "b"], {}),
    asks,
    circles: Object.entries(circles).map(([respondent, ties]) => ({ respondent, ties })),
  };
}

/*
 * Drawn by hand: four arcs with channels, one without, one outside the lot.
 *   a -> c  information, steering group + e-mail      (formal)
 *   a -> b  support,     phone                        (informal only)
 *   b -> c  support,     learning network             (formal)
 *   b -> a  information, e-mail + chance meeting      (informal only)
 *   c -> a  information, no channels                  (not answered)
 *   c -> z  organisation outside the lot              (not an arc)
 */
const drawn = organised({
  a: [
    { partner: "c", forms: { information: 2 }, channels: ["steering-group", "email"] },
    { partner: "b", forms: { support: 1 }, channels: ["phone"] },
  ],
  b: [
    { partner: "c", forms: { support: 3 }, channels: ["learning-network"] },
    { partner: "a", forms: { information: 1 }, channels: ["email", "chance-meeting"] },
  ],
  c: [
    { partner: "a", forms: { information: 4 } },
    { partner: "z", forms: { information: 4 }, channels: ["steering-group"] },
  ],
});

describe("channels", () => {
  it("gives the share of answered arcs per channel, formal and informal only", () => {
    expect(lotMetrics(drawn, "all").channels).toEqual({
      answered: 4,
      share: { "steering-group": 0.25, "learning-network": 0.25, email: 0.5, phone: 0.25, "chance-meeting": 0.25 },
      formalShare: 0.5,
      informalOnlyShare: 0.5,
    });
  });

  it("counts only the arcs the layer keeps", () => {
    // Support layer: a>b phone, b>c learning network.
    expect(lotMetrics(drawn, "support").channels).toMatchObject({ answered: 2, formalShare: 0.5, informalOnlyShare: 0.5 });
    expect(lotMetrics(drawn, "cocreation").channels).toEqual({
      answered: 0,
      share: { "steering-group": null, "learning-network": null, email: null, phone: null, "chance-meeting": null },
      formalShare: null,
      informalOnlyShare: null,
    });
  });

  it("ignores arcs reconstructed for non-respondents", () => {
    const one = organised({ a: [{ partner: "c", forms: { information: 2 }, channels: ["phone"] }] });
    expect(lotMetrics(one, "all", "reconstruct").channels).toMatchObject({ answered: 1, informalOnlyShare: 1 });
  });

  it("is null when the wave does not ask", () => {
    expect(lotMetrics(organised({}, { desired: true }), "all").channels).toBeNull();
  });
});
