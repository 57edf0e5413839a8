import type { Highs } from "highs";
import { type PartitionInstance, pairWeight } from "./partition-instance.ts";

/** Lots kept per pricing: the best few, so that each round brings the master more than one column per lot. */
const COLUMNS_PER_PRICING = 20;

/** Weight of the stability centre in the prices (Wentges smoothing). */
const SMOOTHING = 0.6;

/**
 * A bound from the set-partitioning formulation (lots as columns), by column
 * generation: far tighter than the pair formulation's relaxation, whose
 * fractional "same lot" values spread an organisation over several lots.
 *
 *   λ[S] ≥ 0 for every possible lot S (its size within bounds, at most one coordinator)
 *   maximise Σ w(S) λ[S]  subject to  Σ_{S ∋ u} λ[S] = 1 for every organisation u,
 *                                     Σ_{S without coordinator} λ[S] = lots − coordinators
 *
 * Only a few columns are known at a time (first the lots of the tabu search's
 * partitions); the linear program over them gives prices π (one per organisation)
 * and μ (for the count of lots without a coordinator), and pricing searches the lot
 * that gains most at these prices. Whatever the prices, the Lagrangian bound
 *
 *   L(π, μ) = Σ_u π[u] + f·μ + Σ_{coordinator c} max_{S ∋ c} (w(S) − π(S)) + f·max_{S, no coordinator} (w(S) − π(S) − μ)
 *
 * (f = lots − coordinators) is an upper limit on every partition's score: in any
 * partition each lot is one of these S, and each organisation is in exactly one lot,
 * so the score equals Σ over its lots of (w(S) − π(S) − [no coordinator]·μ) plus
 * Σ π + f·μ, and no lot's term exceeds its maximum. Pricing finds these maxima
 * exactly (a branch and bound, `LotPricing`), so every round gives a valid bound,
 * before and after the column generation converges. Pricing keeps the `together`
 * and `apart` pairs and `noNewcomers`.
 *
 * Answers the best (lowest) bound met: after the round that proves the best
 * partition found optimal, when no lot gains at the master's prices (the generation
 * converged), or when time is up.
 */
export function lotBound(
  highs: Highs,
  inst: PartitionInstance,
  start: readonly (readonly (readonly number[])[])[],
  /** Whether a bound proves the best partition found optimal: the search then stops. */
  proves: (bound: number) => boolean,
  remaining: () => number,
): number {
  const n = inst.ids.length;
  const k = inst.lots;
  const led = inst.coordinators;
  const free = k - led.length;
  const pricing = new LotPricing(inst);
  const model = highs.createModel({
    numCols: 0,
    numRows: n + (free > 0 ? 1 : 0),
    sense: highs.constants.objectiveSense.maximize,
    colCost: [],
    colLower: [],
    colUpper: [],
    rowLower: [...new Array<number>(n).fill(1), ...(free > 0 ? [free] : [])],
    rowUpper: [...new Array<number>(n).fill(1), ...(free > 0 ? [free] : [])],
    matrix: { format: "csr" as const, numRows: n + (free > 0 ? 1 : 0), numCols: 0, starts: new Array<number>(n + (free > 0 ? 2 : 1)).fill(0), indices: [], values: [] },
  });
  const known = new Set<string>();
  const columns: number[][] = [];
  const isLed = new Uint8Array(n);
  for (const c of led) isLed[c] = 1;
  const addLot = (members: readonly number[]) => {
    const sorted = [...members].sort((a, b) => a - b);
    const key = sorted.join(",");
    if (known.has(key)) return false;
    known.add(key);
    columns.push(sorted);
    const coordinated = sorted.some((u) => isLed[u]);
    const indices = coordinated || free === 0 ? sorted : [...sorted, n];
    model.addCol(pricing.weight(sorted), 0, Infinity, { indices, values: indices.map(() => 1) });
    return true;
  };
  let bound = Infinity;
  try {
    model.options.set({ output_flag: false, random_seed: 0 });
    for (const lots of start) for (const lot of lots) addLot(lot);
    const { modelStatus } = highs.constants;
    // Prices that gave the best bound so far (the stability centre; at first the balanced prices of the best
    // partition known), and how far towards it the next prices go.
    let centre = balancedPrices(pricing, n, free, start[0] ?? []);
    let smoothing = SMOOTHING;
    let master: Float64Array | null = null;
    for (;;) {
      if (master === null) {
        if (remaining() <= 0) break;
        model.options.set({ time_limit: Math.max(remaining(), 0.001) });
        if (model.run().modelStatus !== modelStatus.optimal) break;
        master = Float64Array.from(model.getSolution().rowDual.subarray(0, n + (free > 0 ? 1 : 0)));
      }
      // Smoothed prices (Wentges): between the centre and the master's, which alone swing from round to round.
      // Unsmoothed, these are the master's own prices (a copy when there is a centre).
      const atMaster = centre === null || smoothing === 0;
      const prices: Float64Array = centre ? master.map((p, i) => smoothing * centre![i]! + (1 - smoothing) * p) : master;
      const mu = free > 0 ? prices[n]! : 0;
      let value = 0;
      for (let u = 0; u < n; u++) value += prices[u]!;
      value += free * mu;
      const lots: number[][] = [];
      const budget: PricingBudget = { nodes: 0, stopped: false, outOfTime: () => remaining() <= 0 };
      // The best known lot of each kind at these prices: the pricing must beat it.
      const incumbents = new Map<number, { members: number[]; gain: number }>();
      for (const members of columns) {
        const kind = members.find((u) => isLed[u]) ?? -1;
        const gain = pricing.gain(members, prices, isLed, mu);
        if (gain > (incumbents.get(kind)?.gain ?? -Infinity)) incumbents.set(kind, { members, gain });
      }
      for (const c of led) {
        const best = pricing.best(prices, c, 0, COLUMNS_PER_PRICING, budget, incumbents.get(c));
        value += best.upper;
        lots.push(...best.lots.map((l) => l.members));
      }
      if (free > 0) {
        const best = pricing.best(prices, -1, mu, COLUMNS_PER_PRICING, budget, incumbents.get(-1));
        value += free * best.upper;
        lots.push(...best.lots.map((l) => l.members));
      }
      if (value < bound) {
        bound = value;
        centre = prices;
      }
      if (proves(bound) || budget.stopped || remaining() <= 0) break;
      // Only lots that gain at the master's own prices change its solution.
      let added = 0;
      for (const lot of lots) if (pricing.gain(lot, master, isLed, free > 0 ? master[n]! : 0) > 1e-7 && addLot(lot)) added++;
      if (added > 0) {
        master = null;
        smoothing = SMOOTHING;
      } else if (!atMaster) {
        // Smoothed too far (no lot gains at the master's prices): price at the master's own prices.
        smoothing = 0;
      } else {
        break;
      }
    }
  } finally {
    model.dispose();
  }
  return bound;
}

/**
 * First prices: each organisation is worth half its pair weights in its lot of the
 * best partition known, so each of its lots gains exactly nothing. The master's first
 * prices, from a handful of columns, are lopsided (some organisations carry all of
 * their lot's worth, others none), and pricing at them searches far longer.
 */
function balancedPrices(pricing: LotPricing, n: number, free: number, lots: readonly (readonly number[])[]): Float64Array | null {
  if (!lots.length) return null;
  const prices = new Float64Array(n + (free > 0 ? 1 : 0));
  for (const lot of lots) for (const u of lot) prices[u] = lot.reduce((sum, v) => (v === u ? sum : sum + pricing.pairWeight(u, v)), 0) / 2;
  return prices;
}

/** The nodes a round of pricing searched; once out of time, the open branches' promises stand for them. */
interface PricingBudget {
  nodes: number;
  stopped: boolean;
  outOfTime: () => boolean;
}

/**
 * The lot that gains most at given prices: with coordinator c (or none), its other
 * members T (of the organisations that are no coordinator) within the size bounds,
 * maximising Σ_{u∈T} (w(c,u) − π[u]) + Σ_{pairs in T} w − π[c] (or − μ without a
 * coordinator), with `together` pairs in the lot both or neither, `apart` pairs
 * not both, and under `noNewcomers` an H-neighbour in the lot for every member:
 * organisations joined by `together` pairs are taken as one unit, a coordinator's
 * unit is in its lot from the start, and a lot with a newcomer is passed over (the
 * promise below holds for every lot, so it stays exact). A branch and bound: each step
 * takes the unit that promises most, or leaves it out for good; a branch ends when
 * even its promise, the sum of the best remaining units' gains each with half of its
 * best positive weights with units still open (each pair's weight is shared by its
 * two ends), cannot beat the best lot found.
 */
export class LotPricing {
  private readonly n: number;
  /** Pair weights of organisations (n × n). */
  private readonly w: Float64Array;
  /** Units: organisations joined by `together` pairs; per organisation its unit. */
  private readonly members: number[][];
  private readonly unitOf: Int32Array;
  /** Pair weights of units (units × units): the sums over their members. */
  private readonly unitWeight: Float64Array;
  /** Units with no coordinator: the candidates of every lot. */
  private readonly others: number[];
  /** Per unit, the units it must not share a lot with. */
  private readonly apart: number[][];
  /** Per unit, its positive weights with candidate units, best first, and with whom. */
  private readonly positive: Array<{ partners: Int32Array; weights: Float64Array }>;

  constructor(private readonly inst: PartitionInstance) {
    const n = inst.ids.length;
    this.n = n;
    this.w = new Float64Array(n * n);
    for (let u = 0; u < n; u++) {
      for (let v = u + 1; v < n; v++) {
        const w = pairWeight(inst, u, v);
        this.w[u * n + v] = w;
        this.w[v * n + u] = w;
      }
    }
    const parent = [...Array(n).keys()];
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (const [a, b] of inst.together) parent[find(a)] = find(b);
    const roots = new Map<number, number>();
    this.unitOf = new Int32Array(n);
    this.members = [];
    for (let u = 0; u < n; u++) {
      const root = find(u);
      if (!roots.has(root)) roots.set(root, roots.size), this.members.push([]);
      this.unitOf[u] = roots.get(root)!;
      this.members[this.unitOf[u]!]!.push(u);
    }
    const m = this.members.length;
    this.unitWeight = new Float64Array(m * m);
    for (let u = 0; u < n; u++) {
      for (let v = 0; v < n; v++) {
        const [a, b] = [this.unitOf[u]!, this.unitOf[v]!];
        if (a !== b) this.unitWeight[a * m + b]! += this.w[u * n + v]!;
      }
    }
    const ledUnits = new Set(inst.coordinators.map((c) => this.unitOf[c]!));
    this.others = [...Array(m).keys()].filter((a) => !ledUnits.has(a));
    this.apart = this.members.map(() => []);
    for (const [u, v] of inst.apart) {
      const [a, b] = [this.unitOf[u]!, this.unitOf[v]!];
      this.apart[a]!.push(b);
      this.apart[b]!.push(a);
    }
    this.positive = [...Array(m).keys()].map((a) => {
      const best = this.others.filter((b) => b !== a && this.unitWeight[a * m + b]! > 0).sort((x, y) => this.unitWeight[a * m + y]! - this.unitWeight[a * m + x]! || x - y);
      return { partners: Int32Array.from(best), weights: Float64Array.from(best, (b) => this.unitWeight[a * m + b]!) };
    });
  }

  /** What a lot gains at prices `price` (and `mu` when it has no coordinator). */
  gain(members: readonly number[], price: ArrayLike<number>, isLed: Uint8Array, mu: number): number {
    let gain = this.weight(members);
    for (const u of members) gain -= price[u]!;
    return members.some((u) => isLed[u]) ? gain : gain - mu;
  }

  /** Whether every member of a lot has an H-neighbour in it (`noNewcomers`). */
  private noNewcomer(lot: readonly number[]): boolean {
    const inLot = new Set(lot);
    return lot.every((u) => this.inst.neighbours[u]!.some((v) => inLot.has(v)));
  }

  /** A pair's contribution to the score. */
  pairWeight(u: number, v: number): number {
    return this.w[u * this.n + v]!;
  }

  /** The score of one lot. */
  weight(members: readonly number[]): number {
    let sum = 0;
    members.forEach((u, i) => {
      for (const v of members.slice(i + 1)) sum += this.w[u * this.n + v]!;
    });
    return sum;
  }

  /**
   * The best lots at prices `price` with coordinator `c` (−1: none, then `mu` is
   * charged): `upper` is the best gain, or an upper limit on it when time ran out
   * (`budget` counts the nodes searched); `lots` the best few met, best first.
   */
  best(
    price: ArrayLike<number>,
    c: number,
    mu: number,
    keep: number,
    budget: PricingBudget,
    /** A lot of this kind known already, with its gain at these prices: only better lots are searched. */
    incumbent?: { members: number[]; gain: number },
  ): { upper: number; lots: Array<{ members: number[]; gain: number }> } {
    const { inst, members, unitWeight } = this;
    const m = members.length;
    const unitSize = members.map((x) => x.length);
    // The coordinator's unit is in the lot from the start.
    const start = c >= 0 ? this.unitOf[c]! : -1;
    const lo = inst.minSize - (start >= 0 ? unitSize[start]! : 0);
    const hi = inst.maxSize - (start >= 0 ? unitSize[start]! : 0);
    const found: Array<{ members: number[]; gain: number }> = [];
    let best = incumbent?.gain ?? -Infinity;
    let unresolved = -Infinity;
    if (hi < 0) return { upper: best, lots: found };
    // A unit's gain when taken: its members' prices and inner weights, and its weights with the start.
    const gains = new Float64Array(m);
    for (const a of this.others) {
      let g = (start >= 0 ? unitWeight[start * m + a]! : 0) + this.weight(members[a]!);
      for (const u of members[a]!) g -= price[u]!;
      gains[a] = g;
    }
    const base = start >= 0 ? this.weight(members[start]!) - members[start]!.reduce((sum, u) => sum + price[u]!, 0) : -mu;
    const chosen: number[] = [];
    let taken = 0;
    const record = (gain: number) => {
      if (gain <= best - 1e-9 && found.length >= keep) return;
      const lot = [...(start >= 0 ? members[start]! : []), ...chosen.flatMap((a) => members[a]!)].sort((x, y) => x - y);
      if (inst.noNewcomers && !this.noNewcomer(lot)) return;
      found.push({ members: lot, gain });
      found.sort((x, y) => y.gain - x.gain);
      if (found.length > keep) found.pop();
      best = Math.max(best, gain);
    };
    const topSlots = new Float64Array(hi + 1);
    // Units still open to the lot: neither taken nor left out on this branch, nor apart from one taken.
    const closed = new Int32Array(m);
    for (const b of start >= 0 ? this.apart[start]! : []) closed[b]!++;
    // Buffers reused along the branch: the candidates per depth (both children of a node
    // share theirs), the gains per number of units taken (leaving one out keeps them).
    const candidatesAt = Array.from({ length: this.others.length + 1 }, () => new Int32Array(this.others.length));
    candidatesAt[0]!.set(this.others);
    const gainsAt = Array.from({ length: hi + 1 }, () => new Float64Array(m));
    gainsAt[0]!.set(gains);
    const search = (value: number, depth: number, size: number) => {
      if (taken >= lo) record(value);
      const slots = hi - taken;
      if (slots === 0 || size === 0) return;
      const candidates = candidatesAt[depth]!;
      const gains = gainsAt[chosen.length]!;
      // The promise: the best `slots` positive potentials (each unit takes at one slot at least).
      let count = 0;
      let pick = -1;
      let pickPotential = -Infinity;
      for (let k = 0; k < size; k++) {
        const a = candidates[k]!;
        if (closed[a] || unitSize[a]! > slots) continue;
        // Half the best slots − 1 positive weights with units still open: what a's pairs with later units can add.
        let pairs = 0;
        const { partners, weights } = this.positive[a]!;
        for (let i = 0, counted = 0; i < partners.length && counted < slots - 1; i++) {
          if (!closed[partners[i]!]) {
            pairs += weights[i]!;
            counted++;
          }
        }
        const p = gains[a]! + pairs / 2;
        if (p > pickPotential) {
          pickPotential = p;
          pick = a;
        }
        if (p <= 0) continue;
        if (count < slots) count++;
        else if (p <= topSlots[count - 1]!) continue;
        let i = count - 1;
        while (i > 0 && topSlots[i - 1]! < p) {
          topSlots[i] = topSlots[i - 1]!;
          i--;
        }
        topSlots[i] = p;
      }
      if (pick < 0) return;
      let promise = value;
      for (let i = 0; i < count; i++) promise += topSlots[i]!;
      if (promise <= best + 1e-9) return;
      // The clock is read every 4,096 nodes; out of time, a branch's promise stands for it.
      if ((++budget.nodes & 4095) === 0 && budget.outOfTime()) budget.stopped = true;
      if (budget.stopped) {
        unresolved = Math.max(unresolved, promise);
        return;
      }
      const rest = candidatesAt[depth + 1]!;
      const withPick = gainsAt[chosen.length + 1];
      let restSize = 0;
      for (let k = 0; k < size; k++) {
        const a = candidates[k]!;
        if (a === pick) continue;
        rest[restSize++] = a;
        if (withPick) withPick[a] = gains[a]! + unitWeight[pick * m + a]!;
      }
      chosen.push(pick);
      taken += unitSize[pick]!;
      closed[pick]!++;
      for (const b of this.apart[pick]!) closed[b]!++;
      search(value + gains[pick]!, depth + 1, restSize);
      for (const b of this.apart[pick]!) closed[b]!--;
      chosen.pop();
      taken -= unitSize[pick]!;
      search(value, depth + 1, restSize);
      closed[pick]!--;
    };
    search(base, 0, this.others.length);
    return { upper: Math.max(best, unresolved), lots: found };
  }
}
