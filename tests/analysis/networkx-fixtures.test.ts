import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { LotData } from "../../api/analysis/lot-data.ts";
import { buildLotGraph } from "../../api/analysis/lot-graph.ts";
import { lotMetrics } from "../../api/analysis/lot-metrics.ts";
import { LotMetricsSchema, type Layer, type MissingMode } from "../../api/analysis/metrics-schema.ts";

// Written by scripts/make-networkx-fixtures.py: lots with what NetworkX returns on their graphs.
interface Fixture {
  name: string;
  layer: Layer;
  missing: MissingMode;
  input: LotData;
  expected: {
    arcs: Array<{ from: string; to: string; weight: number; reconstructed: boolean }>;
    network: Record<string, number | null>;
    nodes: Record<string, Record<string, number | boolean | null>>;
    coordinator: { id: string; dependency: number | null } | null;
  };
}

const dir = resolve(import.meta.dirname, "../fixtures/networkx");
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(resolve(dir, f), "utf8")));

/** Equal within `tolerance` when numbers, exactly otherwise (null, booleans). */
function expectClose(actual: unknown, expected: unknown, tolerance: number, what: string) {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), `${what}: ${actual} vs NetworkX ${expected}`).toBeLessThanOrEqual(tolerance);
  } else {
    expect(actual, what).toEqual(expected);
  }
}

describe("figures against NetworkX fixtures", () => {
  it("has the fixtures: at least 30, every layer and missing mode", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(new Set(fixtures.map((f) => `${f.layer}/${f.missing}`)).size).toBe(8);
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
    const { input, layer, missing, expected } = fixture;
    const metrics = lotMetrics(input, layer, missing);

    it("builds the same arcs", () => {
      const graph = buildLotGraph(input, layer, missing);
      const arcs = graph
        .mapEdges((_arc, { weight, reconstructed }, from, to) => ({ from, to, weight, reconstructed }))
        .sort((a, b) => (a.from === b.from ? a.to.localeCompare(b.to) : a.from.localeCompare(b.from)));
      expect(arcs).toEqual(expected.arcs);
    });

    it("matches the network figures", () => {
      for (const [field, value] of Object.entries(expected.network)) {
        expectClose(metrics.network[field as keyof typeof metrics.network], value, 1e-9, field);
      }
    });

    it("matches every node figure (PageRank to 1e-6)", () => {
      expect(metrics.nodes.map((n) => n.id).sort()).toEqual(Object.keys(expected.nodes).sort());
      for (const node of metrics.nodes) {
        for (const [field, value] of Object.entries(expected.nodes[node.id]!)) {
          const tolerance = field === "pagerank" ? 1e-6 : 1e-9;
          expectClose(node[field as keyof typeof node], value, tolerance, `${node.id}.${field}`);
        }
      }
    });

    it("matches the coordinator's dependency", () => {
      expect(metrics.coordinator?.id ?? null).toBe(expected.coordinator?.id ?? null);
      if (expected.coordinator !== null) {
        expectClose(metrics.coordinator!.dependency, expected.coordinator.dependency, 1e-9, "dependency");
      }
    });

    it("fits the response schema", () => {
      expect(LotMetricsSchema.safeParse(metrics).success).toBe(true);
    });
  });
});
