import highsLoader, { type Highs } from "highs";
import { ALWAYS_OPTIMAL_UP_TO, type PartitionInstance, pairWeight, scoreParts, totalScore } from "./partition-instance.ts";
import { heuristicPartitions } from "./partition-heuristic.ts";
import { lotBound } from "./partition-columns.ts";
import {
  allTriangles,
  excludePartition,
  lotsOf,
  partitionModel,
  type PartitionModel,
  violatedCoordinatorLinks,
  violatedTriangles,
} from "./partition-model.ts";
import { wallClock } from "./wall-clock.ts";

/** One partition found: each lot's members (indices), proven best among those not found before it, or the bound reached. */
export interface FoundPartition {
  lots: number[][];
  optimal: boolean;
  /** An upper limit on the score of any partition not found before this one. */
  bound: number;
}

export type SearchOutcome =
  | { kind: "found"; partitions: FoundPartition[]; seconds: number; solver: string }
  | { kind: "infeasible"; seconds: number; solver: string };


/** Partitions the tabu search keeps to seed the column generation. */
const SEED_PARTITIONS = 20;

let loading: Promise<Highs> | null = null;
/** HiGHS compiled to WebAssembly, loaded once per thread. */
const loadHighs = () => (loading ??= highsLoader());

/**
 * Search for the `count` best partitions within `timeLimitSeconds` in all, counted
 * from `startedAt` (on `wallClock`: the request's start, before the search's thread started):
 *
 * 1. a tabu search finds good partitions without the solver (`partition-heuristic.ts`);
 * 2. above 12 organisations, column generation over lots bounds every partition
 *    (`partition-columns.ts`); the bound is rounded down to the scores' grain (with
 *    whole weights every score is whole), and when the best heuristic partition
 *    reaches it, that partition is proven optimal: with one suggestion asked for,
 *    the search ends there;
 * 3. the relaxation of the integer program is solved, the triangle inequalities it
 *    breaks are added, and again, until it breaks none: its value bounds too;
 * 4. unless a bound proves the heuristic partition, HiGHS branches from the heuristic partition, adding the triangles its
 *    solutions break, until it proves the best partition or the time is up;
 * 5. each later suggestion is searched the same way with a cut that excludes every
 *    partition suggested before it, so each one is different (up to the naming of lots).
 *
 * The first suggestion may use the whole time limit; later ones get what is left,
 * and when nothing is left they are the heuristic's next-best partitions, with the
 * bound reached before. Deterministic for the same instance whenever the search
 * finishes within the limit (the heuristic always is); organisations are indexed in
 * id order, so the order of the request does not matter either.
 */
export async function searchPartitions(inst: PartitionInstance, count: number, timeLimitSeconds: number, startedAt = wallClock()): Promise<SearchOutcome> {
  const seconds = () => (wallClock() - startedAt) / 1000;
  const highs = await loadHighs();
  const unlimited = inst.ids.length <= ALWAYS_OPTIMAL_UP_TO;
  const remaining = () => (unlimited ? Infinity : timeLimitSeconds - seconds());
  const solver = `HiGHS ${highs.version.string}`;
  const n = inst.ids.length;
  const score = (lots: number[][]) => totalScore(scoreParts(inst, lots));
  const roundDown = grainOf(inst);
  const { modelStatus, primalSolutionStatus, variableType } = statusCodes(highs);

  // More partitions than asked for: their lots are the column generation's first columns.
  const elite = heuristicPartitions(inst, Math.max(count, SEED_PARTITIONS));
  const first = elite[0];
  let bound = degreeBound(inst);
  if (!unlimited && first) {
    const firstScore = score(first);
    bound = Math.min(bound, roundDown(lotBound(highs, inst, elite, (b) => roundDown(b) <= firstScore + 1e-9, remaining)));
    // Proven by the lots' bound when only one is asked for, or out of time: the integer program has nothing to add.
    if ((count === 1 && firstScore >= bound - 1e-9) || remaining() <= 0) {
      return { kind: "found", partitions: heuristicAnswer(inst, elite.slice(0, count), bound, score), seconds: seconds(), solver };
    }
  }
  elite.splice(count);
  const spec = partitionModel(inst);
  if (unlimited) spec.rows.push(...allTriangles(spec, n));
  const model = highs.createModel(modelData(highs, spec));
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, random_seed: 0 });
    const run = () => {
      model.zeroAllClocks();
      // HiGHS takes no infinite limit: without one, none is set.
      if (!unlimited) model.options.set({ time_limit: Math.max(remaining(), 0.001) });
      return model.run().modelStatus;
    };
    let rowCount = spec.rows.length;
    const addRows = (rows: PartitionModel["rows"]) => {
      for (const r of rows) model.addRow(r.lower, r.upper, { indices: r.indices, values: r.values });
      rowCount += rows.length;
    };
    const cutsPerRound = Math.max(200, 10 * n);
    // When every lot has a coordinator, the links to them tighten the relaxation's bound
    // (60/8: 137.2 → 134.8) but make branching slower: they leave before it starts.
    const coordinated = inst.coordinators.length === inst.lots;
    const linkRows: number[] = [];

    // The relaxation, tightened by the triangles (and links) it breaks.
    while (remaining() > 0) {
      const status = run();
      if (status === modelStatus.infeasible || status === modelStatus.unboundedOrInfeasible) {
        // Infeasible even without integrality or all its triangles: no partition can meet the request.
        return { kind: "infeasible", seconds: seconds(), solver };
      }
      if (status !== modelStatus.optimal) break;
      bound = Math.min(bound, roundDown(model.getObjectiveValue()));
      const values = model.getSolution().colValue;
      const triangles = violatedTriangles(spec, n, values, cutsPerRound);
      const links = coordinated ? violatedCoordinatorLinks(spec, n, inst.coordinators, values, cutsPerRound) : [];
      if (!triangles.length && !links.length) break;
      addRows(triangles);
      links.forEach((_, i) => linkRows.push(rowCount + i));
      addRows(links);
    }
    if (linkRows.length) model.deleteRows({ kind: "set", indices: linkRows });
    model.changeColsIntegrality({ kind: "range", from: 0, to: spec.numCols - 1 }, new Int32Array(spec.numCols).fill(variableType.integer));

    const partitions: FoundPartition[] = [];
    const suggested = new Set<string>();
    while (partitions.length < count) {
      const start = elite.find((lots) => !suggested.has(partitionKey(n, lots))) ?? null;
      let best = start;
      let bestScore = start ? score(start) : -Infinity;
      let optimal = start !== null && bestScore >= bound - 1e-9;
      while (!optimal && remaining() > 0) {
        if (start) model.setSolution({ colValue: solutionOf(spec, n, start) });
        const status = run();
        // Infeasible: no partition is left that was not suggested already.
        if (status !== modelStatus.optimal && status !== modelStatus.timeLimit) break;
        bound = Math.min(bound, roundDown(finiteOr(Number(model.info.get("mip_dual_bound")))));
        // The start reaches the bound: proven, whatever this solution is.
        if (start && bestScore >= bound - 1e-9) {
          optimal = true;
          break;
        }
        if (Number(model.info.get("primal_solution_status")) !== primalSolutionStatus.feasible) break;
        const values = model.getSolution().colValue;
        const cuts = violatedTriangles(spec, n, values, cutsPerRound);
        if (cuts.length) {
          // Not a partition yet: the triangles it breaks join the program, and the search goes on.
          addRows(cuts);
          continue;
        }
        const lots = lotsOf(spec, n, values);
        const found = score(lots);
        if (found > bestScore + 1e-9 || !best) {
          best = lots;
          bestScore = found;
        }
        optimal = status === modelStatus.optimal || bestScore >= bound - 1e-9;
        if (status === modelStatus.timeLimit) break;
      }
      if (!best) break;
      const lots = coordinatorsFirst(best, inst.coordinators);
      partitions.push({ lots, optimal, bound: optimal ? bestScore : bound });
      // A proven best bounds every partition after it.
      if (optimal) bound = Math.min(bound, bestScore);
      suggested.add(partitionKey(n, lots));
      const cut = excludePartition(spec, n, lots);
      model.addRow(cut.lower, cut.upper, { indices: cut.indices, values: cut.values });
    }
    if (partitions.length === 0) return { kind: "infeasible", seconds: seconds(), solver };
    return { kind: "found", partitions, seconds: seconds(), solver };
  } finally {
    model.dispose();
  }
}

/** Partitions of the tabu search, best first, each proven optimal when it reaches the bound (which then bounds the next). */
function heuristicAnswer(inst: PartitionInstance, partitions: number[][][], bound: number, score: (lots: number[][]) => number): FoundPartition[] {
  return partitions.map((lots) => {
    const found = score(lots);
    const optimal = found >= bound - 1e-9;
    if (optimal) bound = found;
    return { lots: coordinatorsFirst(lots, inst.coordinators), optimal, bound: optimal ? found : bound };
  });
}

const finiteOr = (x: number) => (Number.isFinite(x) ? x : Infinity);

/**
 * Rounds a bound down to the grain of the scores: when every weight is a whole
 * multiple of 1/d (d ≤ 1000), so is every score, and no score lies between a
 * bound and the multiple below it. Without such a d the bound stays as it is.
 */
function grainOf(inst: PartitionInstance): (bound: number) => number {
  const weights = [inst.weights.priorTies, inst.weights.preferences, inst.weights.sectorMix];
  for (let d = 1; d <= 1000; d++) {
    if (weights.every((w) => Math.abs(w * d - Math.round(w * d)) < 1e-9)) return (b) => Math.floor(b * d + 1e-6) / d;
  }
  return (b) => b;
}

/** The same partition whatever the naming or order of its lots. */
function partitionKey(n: number, lots: readonly (readonly number[])[]): string {
  const lotOf = new Array<number>(n);
  lots.forEach((lot, l) => lot.forEach((o) => (lotOf[o] = l)));
  const names = new Map<number, number>();
  return lotOf.map((l) => (names.has(l) ? names.get(l)! : (names.set(l, names.size), names.size - 1))).join(",");
}

/**
 * A bound that needs no solver, for a search stopped before its first bound: each
 * organisation has at most maxSize − 1 partners in its lot, so it brings at most
 * half the weights of its maxSize − 1 best pairs (each pair's weight is shared by its two ends).
 */
function degreeBound(inst: PartitionInstance): number {
  const n = inst.ids.length;
  let bound = 0;
  for (let u = 0; u < n; u++) {
    const weights = [...Array(n).keys()]
      .filter((v) => v !== u)
      .map((v) => (u < v ? pairWeight(inst, u, v) : pairWeight(inst, v, u)))
      .filter((w) => w > 0)
      .sort((a, b) => b - a);
    bound += weights.slice(0, inst.maxSize - 1).reduce((s, w) => s + w, 0) / 2;
  }
  return bound;
}

/** The columns' values of a partition: z for every pair in one lot, r for the first member of each lot. */
function solutionOf(spec: PartitionModel, n: number, lots: number[][]): number[] {
  const values = new Array<number>(spec.numCols).fill(0);
  for (const lot of lots) {
    const sorted = [...lot].sort((a, b) => a - b);
    values[spec.numCols - n + sorted[0]!] = 1;
    sorted.forEach((u, i) => sorted.slice(i + 1).forEach((v) => (values[spec.z(u, v)] = 1)));
  }
  return values;
}

/** Lot j is the one coordinator j leads; the others follow in order of their first member. */
function coordinatorsFirst(lots: number[][], coordinators: readonly number[]): number[][] {
  const led = coordinators.map((c) => lots.find((lot) => lot.includes(c))!);
  const rest = lots.filter((lot) => !led.includes(lot)).map((lot) => [...lot].sort((a, b) => a - b));
  return [...led.map((lot) => [...lot].sort((a, b) => a - b)), ...rest.sort((a, b) => a[0]! - b[0]!)];
}

function statusCodes(highs: Highs) {
  const { modelStatus, variableType } = highs.constants;
  // HiGHS's solution status "feasible" (kSolutionStatusFeasible).
  return { modelStatus, variableType, primalSolutionStatus: { feasible: 2 } };
}

function modelData(highs: Highs, spec: PartitionModel) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of spec.rows) {
    indices.push(...r.indices);
    values.push(...r.values);
    starts.push(indices.length);
  }
  return {
    numCols: spec.numCols,
    numRows: spec.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: spec.colCost,
    colLower: spec.colLower,
    colUpper: spec.colUpper,
    rowLower: spec.rows.map((r) => r.lower),
    rowUpper: spec.rows.map((r) => r.upper),
    matrix: { format: "csr" as const, numRows: spec.rows.length, numCols: spec.numCols, starts, indices, values },
  };
}
