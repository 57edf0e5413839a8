import { describe, expect, it } from "vitest";
import { lotMetrics } from "../../api/analysis/lot-metrics.ts";
import { complete, lot, star } from "./lot.ts";

const network = (...args: Parameters<typeof lotMetrics>) => lotMetrics(...args).network;

describe("network figures", () => {
  // c <-> a, c -> b, a -> b; d silent; b silent.
  const data = lot(["c", "a", "b", "d"], {
    c: { a: { information: 2, support: 4 }, b: { information: 1 } },
    a: { c: { cocreation: 3 }, b: { support: 2, cocreation: 1 } },
  });

  it("counts nodes, arcs, respondents and their rate", () => {
    expect(network(data, "all")).toMatchObject({ n: 4, m: 4, respondents: 2, responseRate: 0.5 });
  });

  it("divides arcs by all ordered pairs (density) and by what respondents could report", () => {
    const figures = network(data, "all");
    expect(figures.density).toBeCloseTo(4 / 12, 12);
    expect(figures.observedDensity).toBeCloseTo(4 / 6, 12);
  });

  it("measures reciprocity among arcs between respondents only", () => {
    // c->a and a->c are the only arcs between respondents; both reciprocated.
    expect(network(data, "all").reciprocity).toBe(1);
    const oneWay = lot(["c", "a", "b"], { c: { a: { information: 1 }, b: { information: 1 } }, a: { b: { support: 1 } }, b: { c: { support: 1 } } });
    // Among respondents: c->a, c->b, a->b, b->c; only c->b / b->c reciprocate.
    expect(network(oneWay, "all").reciprocity).toBe(0.5);
  });

  it("averages the layer's weights", () => {
    expect(network(data, "all").meanContribution).toBe((4 + 1 + 3 + 2) / 4);
    expect(network(data, "information").meanContribution).toBe((2 + 1) / 2);
  });

  it("counts the components of the undirected graph, isolates included", () => {
    expect(network(data, "all").components).toBe(2);
    const pairs = lot(["a", "b", "c", "d", "e"], { a: { b: { support: 1 } }, d: { c: { support: 1 } } });
    expect(network(pairs, "all").components).toBe(3);
  });

  it("computes Freeman degree centralization: 1 for a star, 0 for complete or empty", () => {
    expect(network(lot(["c", "a", "b", "d", "e"], star("c", ["a", "b", "d", "e"])), "all").degreeCentralization).toBe(1);
    expect(network(lot(["a", "b", "c", "d"], complete(["a", "b", "c", "d"])), "all").degreeCentralization).toBe(0);
    expect(network(lot(["a", "b", "c"], {}), "all").degreeCentralization).toBe(0);
    // Path a - b - c - d: degrees 1 2 2 1, (1 + 0 + 0 + 1) / (3 * 2).
    const path = lot(["a", "b", "c", "d"], { a: { b: { information: 1 } }, b: { c: { information: 1 } }, c: { d: { information: 1 } } });
    expect(network(path, "all").degreeCentralization).toBeCloseTo(1 / 3, 12);
  });

  it("describes the forms and depth of the all layer, whatever layer is asked for", () => {
    const expected = {
      forms: {
        information: { share: 2 / 4, meanContribution: 1.5 },
        support: { share: 2 / 4, meanContribution: 3 },
        cocreation: { share: 2 / 4, meanContribution: 2 },
      },
      // deepest forms: c->a support, c->b information, a->c cocreation, a->b cocreation
      depth: { information: 1 / 4, support: 1 / 4, cocreation: 2 / 4 },
    };
    expect(network(data, "all")).toMatchObject(expected);
    expect(network(data, "information")).toMatchObject(expected);
    expect(network(data, "information").m).toBe(2);
  });

  it("adds reconstructed arcs to the form mix in reconstruct mode", () => {
    // b never answered: c->b (information) and a->b (support, cocreation) get mirrored.
    const figures = network(data, "support", "reconstruct");
    expect(figures.m).toBe(3);
    expect(figures.forms.information.share).toBe(3 / 6);
    expect(figures.depth.cocreation).toBe(3 / 6);
    // The reconstructed b -> a is not something a respondent reported.
    expect(figures.observedDensity).toBe(2 / 6);
  });

  it("counts only arcs whose source responded in observed density: the same in both modes, never above 1", () => {
    // a names b and c, who never answer; reconstruction adds b -> a and c -> a.
    const lone = lot(["a", "b", "c"], { a: { b: { support: 2 }, c: { information: 3 } } });
    const observed = network(lone, "all", "observed");
    const reconstructed = network(lone, "all", "reconstruct");
    expect(reconstructed.m).toBe(4);
    expect(observed.observedDensity).toBe(1);
    expect(reconstructed.observedDensity).toBe(1);
    for (const layer of ["all", "information", "support", "cocreation"] as const) {
      expect(network(data, layer, "reconstruct").observedDensity, layer).toBe(network(data, layer, "observed").observedDensity);
    }
  });

  it("gives null where a figure is undefined", () => {
    const empty = network(lot([], {}), "all");
    expect(empty).toMatchObject({
      n: 0, m: 0, respondents: 0, responseRate: null, density: null, observedDensity: null,
      reciprocity: null, meanContribution: null, components: 0, degreeCentralization: null,
      forms: { information: { share: null, meanContribution: null } },
      depth: { information: null, support: null, cocreation: null },
    });
    const one = network(lot(["a"], { a: {} }), "all");
    expect(one).toMatchObject({ n: 1, responseRate: 1, density: null, observedDensity: null, components: 1 });
    const silentPair = network(lot(["a", "b"], {}), "all");
    expect(silentPair).toMatchObject({ density: 0, observedDensity: null, reciprocity: null, degreeCentralization: null });
    // Arcs, but none between two respondents.
    expect(network(lot(["a", "b"], { a: { b: { information: 1 } } }), "all").reciprocity).toBeNull();
    // A form no arc has.
    expect(network(data, "all").forms.cocreation.meanContribution).toBe(2);
    expect(network(lot(["a", "b"], { a: { b: { information: 3 } } }), "all").forms.support).toEqual({ share: 0, meanContribution: null });
  });
});
