import { describe, expect, it } from "vitest";
import { lotMetrics } from "../../api/analysis/lot-metrics.ts";
import { lot } from "./lot.ts";

// a <-> b: weights 4 / 2, forms {information, support} / {support}: Jaccard 1/2.
// a <-> c: weights 3 / 3, forms {cocreation} / {information, support, cocreation}: Jaccard 1/3.
// b -> c only: one-sided. d is silent: a -> d counts for nothing.
const data = lot(["a", "b", "c", "d"], {
  a: { b: { information: 4, support: 1 }, c: { cocreation: 3 }, d: { information: 1 } },
  b: { a: { support: 2 }, c: { information: 2 } },
  c: { a: { information: 3, support: 1, cocreation: 2 } },
});

describe("dyad agreement", () => {
  it("compares the weights and form sets of mutual pairs of respondents", () => {
    expect(lotMetrics(data, "all").agreement).toEqual({
      pairs: 2,
      meanAbsDifference: (2 + 0) / 2,
      meanFormJaccard: (1 / 2 + 1 / 3) / 2,
      oneSided: 1,
    });
  });

  it("uses the layer's arcs and weights but the ties' full form sets", () => {
    // Support layer: a <-> b (1 / 2) mutual; a -> c gone, c -> a (support 1) one-sided.
    expect(lotMetrics(data, "support").agreement).toEqual({
      pairs: 1,
      meanAbsDifference: 1,
      meanFormJaccard: 1 / 2,
      oneSided: 1,
    });
  });

  it("ignores pairs with a non-respondent, even reconstructed", () => {
    expect(lotMetrics(data, "all", "reconstruct").agreement.pairs).toBe(2);
  });

  it("gives null means without mutual pairs", () => {
    expect(lotMetrics(lot(["a", "b"], { a: { b: { support: 2 } }, b: {} }), "all").agreement).toEqual({
      pairs: 0,
      meanAbsDifference: null,
      meanFormJaccard: null,
      oneSided: 1,
    });
  });
});
