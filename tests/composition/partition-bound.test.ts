import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { ALWAYS_OPTIMAL_UP_TO, type PartitionInstance, scoreParts, totalScore } from "../../api/composition/partition-instance.ts";
import { partitionModel, violatedCoordinatorLinks } from "../../api/composition/partition-model.ts";
import { LotPricing, lotBound } from "../../api/composition/partition-columns.ts";
import highsLoader from "highs";
import { searchPartitions } from "../../api/composition/partition-search.ts";
import { SearchOverrun, searchPartitionsOffThread } from "../../api/composition/partition-search-thread.ts";

/**
 * The bound of a time-limited search (more than ALWAYS_OPTIMAL_UP_TO organisations,
 * where cuts join the relaxation only where its values break them) must stay an
 * upper limit on every partition: checked against exhaustive enumeration of every
 * partition of small instances where every lot has a coordinator.
 */
function randomInstance(n: number, lots: number, random: () => number, coordinators = lots): PartitionInstance {
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
    coordinators: [...Array(coordinators).keys()], together: [], apart: [], noNewcomers: false, neighbours,
    weights: { priorTies: 1, preferences: 1, sectorMix: 0.5 },
    terms: { tied, preferences, mixed },
  };
}

/**
 * Every partition with coordinator l (organisation l) leading lot l and sizes within
 * bounds: each other organisation picks a lot (lots without a coordinator come in
 * every order, which repeats partitions but misses none).
 */
function* everyPartition(inst: PartitionInstance): Generator<number[][]> {
  const n = inst.ids.length;
  const k = inst.lots;
  const led = inst.coordinators.length;
  const pick = new Array<number>(n - led).fill(0);
  for (;;) {
    const lots = [...Array(k).keys()].map((l) => (l < led ? [l] : []));
    pick.forEach((l, i) => lots[l]!.push(led + i));
    if (lots.every((lot) => lot.length >= inst.minSize && lot.length <= inst.maxSize)) yield lots;
    let i = 0;
    while (i < pick.length && pick[i] === k - 1) pick[i++] = 0;
    if (i === pick.length) return;
    pick[i]!++;
  }
}

/** Whether a partition keeps the together and apart pairs and, under noNewcomers, gives everyone an H-neighbour in its lot. */
function keepsConstraints(inst: PartitionInstance, lots: number[][]): boolean {
  const lotOf = new Map(lots.flatMap((lot, l) => lot.map((u) => [u, l] as const)));
  if (inst.together.some(([a, b]) => lotOf.get(a) !== lotOf.get(b))) return false;
  if (inst.apart.some(([a, b]) => lotOf.get(a) === lotOf.get(b))) return false;
  return !inst.noNewcomers || lots.every((lot) => lot.every((u) => inst.neighbours[u]!.some((v) => lotOf.get(v) === lotOf.get(u))));
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
    for (const lots of everyPartition(inst)) {
      const values = new Array<number>(spec.numCols).fill(0);
      for (const lot of lots) lot.forEach((u, i) => lot.slice(i + 1).forEach((v) => (values[spec.z(u, v)] = 1)));
      for (const row of rows) {
        const lhs = row.indices.reduce((sum, c, i) => sum + row.values[i]! * values[c]!, 0);
        expect(lhs).toBeLessThanOrEqual(row.upper + 1e-9);
      }
    }
  });

  it("prices lots exactly, so the lots' bound is an upper limit at any prices", () => {
    for (const [coordinators, paired] of [[3, false], [1, false], [0, false], [3, true], [1, true], [0, true]] as const) {
      const inst = randomInstance(10, 3, random, coordinators);
      if (paired) {
        // Organisation 0 is a coordinator unless there are none: its together partner joins its lot.
        inst.together = [[0, 3], [4, 5], [6, 7]];
        inst.apart = [[4, 8], [1, 9], [0, 6]];
        inst.noNewcomers = coordinators !== 1;
      }
      const n = inst.ids.length;
      const pricing = new LotPricing(inst);
      let optimum = -Infinity;
      for (const lots of everyPartition(inst)) if (keepsConstraints(inst, lots)) optimum = Math.max(optimum, totalScore(scoreParts(inst, lots)));
      const others = [...Array(n).keys()].filter((u) => u >= coordinators);
      for (let trial = 0; trial < 10; trial++) {
        const price = Array.from({ length: n }, () => Math.round((random() * 6 - 2) * 4) / 4);
        const mu = random() * 4 - 2;
        const budget = { nodes: 0, stopped: false, outOfTime: () => false };
        // The best lot of each kind by brute force: every subset of the organisations that are no coordinator
        // that keeps the together and apart pairs (and noNewcomers).
        const bruteForce = (c: number) => {
          let best = -Infinity;
          for (let mask = 0; mask < 1 << others.length; mask++) {
            const members = [...(c >= 0 ? [c] : []), ...others.filter((_, i) => mask & (1 << i))];
            if (members.length < inst.minSize || members.length > inst.maxSize) continue;
            if (inst.together.some(([a, b]) => members.includes(a) !== members.includes(b))) continue;
            if (inst.apart.some(([a, b]) => members.includes(a) && members.includes(b))) continue;
            if (inst.noNewcomers && !members.every((u) => inst.neighbours[u]!.some((v) => members.includes(v)))) continue;
            best = Math.max(best, pricing.weight(members) - members.reduce((s, u) => s + price[u]!, 0) - (c >= 0 ? 0 : mu));
          }
          return best;
        };
        let lagrangian = price.reduce((s, p) => s + p, 0) + (inst.lots - coordinators) * mu;
        for (const c of [...inst.coordinators, -1]) {
          const priced = pricing.best(price, c, c >= 0 ? 0 : mu, 3, budget);
          expect(priced.upper).toBeCloseTo(bruteForce(c), 9);
          for (const lot of priced.lots) expect(lot.gain).toBeCloseTo(pricing.weight(lot.members) - lot.members.reduce((s, u) => s + price[u]!, 0) - (c >= 0 ? 0 : mu), 9);
          if (c >= 0) lagrangian += priced.upper;
          else if (inst.lots > coordinators) lagrangian += (inst.lots - coordinators) * priced.upper;
        }
        expect(lagrangian).toBeGreaterThanOrEqual(optimum - 1e-9);
      }
    }
  });

  it("generates lots until none gains, without a time limit to stop it, and bounds every partition", async () => {
    const highs = await highsLoader();
    for (const coordinators of [3, 1, 0]) {
      const inst = randomInstance(10, 3, random, coordinators);
      const partitions = [...everyPartition(inst)];
      const optimum = Math.max(...partitions.map((lots) => totalScore(scoreParts(inst, lots))));
      // From the worst partition, never satisfied: it ends only when the generation converges.
      const worst = partitions.reduce((a, b) => (totalScore(scoreParts(inst, b)) < totalScore(scoreParts(inst, a)) ? b : a));
      const bound = lotBound(highs, inst, [worst], () => false, () => 1e6);
      expect(bound).toBeGreaterThanOrEqual(optimum - 1e-9);
    }
  });

  it("reports a bound no lower than the exhaustive optimum, and the optimum when it proves one", async () => {
    for (let trial = 0; trial < 8; trial++) {
      // Every lot with a coordinator, then one lot without, then together and apart pairs, and noNewcomers.
      const inst = randomInstance(ALWAYS_OPTIMAL_UP_TO + 1 + (trial % 2), 3, random, trial < 4 || trial >= 6 ? 3 : 2);
      if (trial >= 6) {
        inst.together = [[3, 4], [5, 6]];
        inst.apart = [[3, 7], [8, 9]];
        inst.noNewcomers = trial === 7;
      }
      let optimum = -Infinity;
      for (const lots of everyPartition(inst)) if (keepsConstraints(inst, lots)) optimum = Math.max(optimum, totalScore(scoreParts(inst, lots)));
      const outcome = await searchPartitions(inst, 1, 60);
      expect(outcome.kind).toBe("found");
      if (outcome.kind !== "found") return;
      const [first] = outcome.partitions;
      expect(keepsConstraints(inst, first!.lots)).toBe(true);
      const score = totalScore(scoreParts(inst, first!.lots));
      expect(first!.bound).toBeGreaterThanOrEqual(optimum - 1e-9);
      expect(score).toBeLessThanOrEqual(optimum + 1e-9);
      if (first!.optimal) expect(score).toBeCloseTo(optimum, 9);
    }
  }, 120_000);

  it("stops a search's thread that runs far past its time limit, with an error that says so", async () => {
    // The watchdog's deadline set 1 ms after the start, which no thread can answer by (the real one is 10 s past the limit).
    const inst = randomInstance(60, 8, seedrandom("watchdog"));
    await expect(searchPartitionsOffThread(inst, 1, 0.05, undefined, -0.049)).rejects.toBeInstanceOf(SearchOverrun);
    // With its slack, the same search ends by itself.
    const outcome = await searchPartitionsOffThread(inst, 1, 0.05);
    expect(outcome.kind).toBe("found");
  }, 60_000);
});
