import { describe, expect, it } from "vitest";
import { lotMetrics } from "../../api/analysis/lot-metrics.ts";
import { LotMetricsSchema } from "../../api/analysis/metrics-schema.ts";
import { lot } from "./lot.ts";

describe("node figures", () => {
  // Directed path a -> b -> c, c silent, an isolate d, ties outside the lot.
  const data = lot(["a", "b", "c", "d"], {
    a: { b: { information: 2, support: 3 }, outside: { information: 1 } },
    b: { c: { cocreation: 4 }, elsewhere: { support: 1 }, outside: { cocreation: 2 } },
    d: {},
  });
  const metrics = lotMetrics(data, "all");
  const node = (id: string) => metrics.nodes.find((n) => n.id === id)!;

  it("lists the nodes in member order with identity and response", () => {
    expect(metrics.nodes.map((n) => [n.id, n.name, n.role, n.responded])).toEqual([
      ["a", "Fund a", "coordinator", true],
      ["b", "Fund b", "partner", true],
      ["c", "Fund c", "partner", false],
      ["d", "Fund d", "partner", true],
    ]);
  });

  it("counts degrees and sums weights in and out", () => {
    expect(node("b")).toMatchObject({ inDegree: 1, outDegree: 1, inStrength: 3, outStrength: 4 });
    expect(node("c")).toMatchObject({ inDegree: 1, outDegree: 0, inStrength: 4, outStrength: 0 });
  });

  it("measures paths on the directed graph: b is between a and c", () => {
    // One ordered pair (a, c) of 3 * 2 runs through b.
    expect(node("b").betweenness).toBeCloseTo(1 / 6, 12);
    expect(node("a").betweenness).toBe(0);
    // c is reached by a (2) and b (1): (2 / 3) * (2 / 3).
    expect(node("c").closeness).toBeCloseTo(4 / 9, 12);
    expect(node("a").closeness).toBe(0);
  });

  it("gives Burt's measures null for isolates", () => {
    expect(node("d")).toMatchObject({ constraint: null, effectiveSize: null });
    expect(node("b")).toMatchObject({ constraint: 0.5, effectiveSize: 2 });
  });

  it("counts crossings, null for a node that did not respond", () => {
    expect(metrics.nodes.map((n) => n.crossings)).toEqual([1, 2, null, 0]);
  });

  it("has PageRank summing to 1", () => {
    expect(metrics.nodes.reduce((s, n) => s + n.pagerank, 0)).toBeCloseTo(1, 9);
  });

  it("fits the response schema", () => {
    expect(LotMetricsSchema.parse(metrics)).toEqual(metrics);
  });
});
