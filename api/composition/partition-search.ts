import highsLoader, { type Highs } from "highs";
import { type PartitionInstance, pairWeight } from "./partition-instance.ts";
import { heuristicPartition } from "./partition-heuristic.ts";
import { excludePartition, lotsOf, partitionModel, type PartitionModel } from "./partition-model.ts";

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

/** Up to this many organisations the search runs without a time limit: the first suggestion is then always proven optimal. */
export const ALWAYS_OPTIMAL_UP_TO = 12;

let loading: Promise<Highs> | null = null;
/** HiGHS compiled to WebAssembly, loaded once per process. */
const loadHighs = () => (loading ??= highsLoader());

// HiGHS model states (highs.constants.modelStatus).
const OPTIMAL = 7;
const INFEASIBLE = 8;

/**
 * Search for the `count` best partitions: solve the integer program, then again with
 * a cut excluding each partition found, so that every later one is different (up to
 * the naming of lots). Each solve stops at the time limit with the best partition
 * found and HiGHS's dual bound. Deterministic for the same instance whenever the
 * solves finish within the limit; organisations are indexed in id order, so the
 * order of the request does not matter either.
 */
export async function searchPartitions(inst: PartitionInstance, count: number, timeLimitSeconds: number): Promise<SearchOutcome> {
  const highs = await loadHighs();
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const solver = `HiGHS ${highs.version.string}`;
  const spec = partitionModel(inst);
  const n = inst.ids.length;

  const model = highs.createModel(modelData(highs, spec));
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, random_seed: 0 });
    // Small instances run to the proof; HiGHS takes no infinite limit, so none is set.
    if (n > ALWAYS_OPTIMAL_UP_TO) model.options.set({ time_limit: timeLimitSeconds });
    const partitions: FoundPartition[] = [];
    // The first search starts from a quickly found partition, so that it never ends empty-handed when one exists.
    const start = heuristicPartition(inst);
    if (start) model.setSolution({ colValue: solutionOf(spec, n, start) });
    while (partitions.length < count) {
      model.zeroAllClocks();
      const { modelStatus } = model.run();
      if (modelStatus === INFEASIBLE) break;
      const solved = Number(model.info.get("primal_solution_status")) === 2;
      // No partition within the limit: the first search still has the quick one, with the solver's bound.
      if (!solved && !(partitions.length === 0 && start)) break;
      const lots = coordinatorsFirst(solved ? lotsOf(spec, n, model.getSolution().colValue) : start!, inst.coordinators);
      const optimal = modelStatus === OPTIMAL;
      partitions.push({
        lots,
        optimal,
        bound: optimal ? model.getObjectiveValue() : Math.min(degreeBound(inst), finiteOr(Number(model.info.get("mip_dual_bound")))),
      });
      const cut = excludePartition(spec, n, lots);
      model.addRow(cut.lower, cut.upper, { indices: cut.indices, values: cut.values });
    }
    if (partitions.length === 0 && model.getModelStatus() === INFEASIBLE) return { kind: "infeasible", seconds: seconds(), solver };
    return { kind: "found", partitions, seconds: seconds(), solver };
  } finally {
    model.dispose();
  }
}

const finiteOr = (x: number) => (Number.isFinite(x) ? x : Infinity);

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
  return [...led, ...lots.filter((lot) => !led.includes(lot))];
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
  const { variableType, objectiveSense } = highs.constants;
  return {
    numCols: spec.numCols,
    numRows: spec.rows.length,
    sense: objectiveSense.maximize,
    colCost: spec.colCost,
    colLower: spec.colLower,
    colUpper: spec.colUpper,
    rowLower: spec.rows.map((r) => r.lower),
    rowUpper: spec.rows.map((r) => r.upper),
    matrix: { format: "csr" as const, numRows: spec.rows.length, numCols: spec.numCols, starts, indices, values },
    integrality: new Array<number>(spec.numCols).fill(variableType.integer) as Array<typeof variableType.integer>,
  };
}
