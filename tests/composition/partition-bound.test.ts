import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { type PartitionInstance, scoreParts, totalScore } from "../../api/composition/partition-instance.ts";
import { partitionModel, violatedCoordinatorLinks } from "../../api/composition/partition-model.ts";
import { ALWAYS_OPTIMAL_UP_TO, searchPartitions } from "../../api/composition/partition-search.ts";

/**
 * The bound of a time-limited search (more than ALWAYS_OPTIMAL_UP_TO organisations,
 * where cuts join the relaxation only where its values break them) must stay an
 * upper limit on every partition: checked against exhaustive enumeration of every
 * partition of small instances where every lot has a coordinator.
 */
function randomInstance(n: number, lots: number, random: () => number): PartitionInstance {
  const tied = new Uint8Array(n * n);
  const preferences = new Int8Array(n * n);
  const mixed = new Uint8Array(n * n);
  const neighbours: number[][] = [...Array(n)].map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const k = i * n + j;
      tied[k] = random() < 0.4 ? 1 : 0;
      if (tied[k]) neighbours[i]!.push(j), neighbours[j]!.push(i);
      preferences[k] = random() < 0.2 ? Math.floor(random() * 5) - 2 : 0;
      mixed[k] = random() < 0.6 ? 1 : 0;
    }
  }
  return {
    ids: [...Array(n).keys()].map((i) => `o${String(i).padStart(2, "0")}`),
    lots, minSize: 2, maxSize: Math.ceil(n / lots) + 1,
    coordinators: [...Array(lots).keys()], together: [], apart: [], noNewcomers: false, neighbours,
    weights: { priorTies: 1, preferences: 1, sectorMix: 0.5 },
    terms: { tied, preferences, mixed },
  };
}

/** Every partition with coordinator l leading lot l and sizes within bounds: each other organisation picks a coordinator. */
function* coordinatedPartitions(inst: PartitionInstance): Generator<number[][]> {
  const n = inst.ids.length;
  const k = inst.lots;
  const pick = new Array<number>(n - k).fill(0);
  for (;;) {
    const lots = [...Array(k).keys()].map((l) => [l]);
    pick.forEach((l, i) => lots[l]!.push(k + i));
    if (lots.every((lot) => lot.length >= inst.minSize && lot.length <= inst.maxSize)) yield lots;
    let i = 0;
    while (i < pick.length && pick[i] === k - 1) pick[i++] = 0;
    if (i === pick.length) return;
    pick[i]!++;
  }
}

describe("the bound of a time-limited search", () => {
  const random = seedrandom("partition-bound");

  it("keeps every cut it adds valid for every partition", () => {
    const inst = randomInstance(9, 3, random);
    const spec = partitionModel(inst);
    const n = inst.ids.length;
    const rows = [];
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: spec.numCols }, () => (random() < 0.5 ? 0 : random()));
      rows.push(...violatedCoordinatorLinks(spec, n, inst.coordinators, values, 1000));
    }
    expect(rows.length).toBeGreaterThan(20);
    for (const lots of coordinatedPartitions(inst)) {
      const values = new Array<number>(spec.numCols).fill(0);
      for (const lot of lots) lot.forEach((u, i) => lot.slice(i + 1).forEach((v) => (values[spec.z(u, v)] = 1)));
      for (const row of rows) {
        const lhs = row.indices.reduce((sum, c, i) => sum + row.values[i]! * values[c]!, 0);
        expect(lhs).toBeLessThanOrEqual(row.upper + 1e-9);
      }
    }
  });

  it("reports a bound no lower than the exhaustive optimum, and the optimum when it proves one", async () => {
    for (let trial = 0; trial < 4; trial++) {
      const inst = randomInstance(ALWAYS_OPTIMAL_UP_TO + 1 + (trial % 2), 3, random);
      let optimum = -Infinity;
      for (const lots of coordinatedPartitions(inst)) optimum = Math.max(optimum, totalScore(scoreParts(inst, lots)));
      const outcome = await searchPartitions(inst, 1, 60);
      expect(outcome.kind).toBe("found");
      if (outcome.kind !== "found") return;
      const [first] = outcome.partitions;
      const score = totalScore(scoreParts(inst, first!.lots));
      expect(first!.bound).toBeGreaterThanOrEqual(optimum - 1e-9);
      expect(score).toBeLessThanOrEqual(optimum + 1e-9);
      if (first!.optimal) expect(score).toBeCloseTo(optimum, 9);
    }
  }, 120_000);
});
