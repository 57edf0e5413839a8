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
 * before and after the column generation converges. Pricing leaves out `together`,
 * `apart` and `noNewcomers`: a maximum over more lots is still an upper limit.
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
 * coordinator). A branch and bound: each step takes the member that promises most,
 * or leaves it out for good; a branch ends when even its promise, the sum of the best
 * remaining members' gains each with half of its best positive pair weights with
 * organisations still open (each pair's weight is shared by its two ends), cannot
 * beat the best lot found.
 */
export class LotPricing {
  private readonly n: number;
  private readonly w: Float64Array;
  private readonly others: number[];
  /** Per organisation, its positive pair weights with organisations that are no coordinator, best first, and with whom. */
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
    const led = new Set(inst.coordinators);
    this.others = [...Array(n).keys()].filter((u) => !led.has(u));
    this.positive = [...Array(n).keys()].map((u) => {
      const best = this.others.filter((v) => v !== u && this.w[u * n + v]! > 0).sort((a, b) => this.w[u * n + b]! - this.w[u * n + a]! || a - b);
      return { partners: Int32Array.from(best), weights: Float64Array.from(best, (v) => this.w[u * n + v]!) };
    });
  }

  /** What a lot gains at prices `price` (and `mu` when it has no coordinator). */
  gain(members: readonly number[], price: ArrayLike<number>, isLed: Uint8Array, mu: number): number {
    let gain = this.weight(members);
    for (const u of members) gain -= price[u]!;
    return members.some((u) => isLed[u]) ? gain : gain - mu;
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
    const { n, w, inst } = this;
    const lo = c >= 0 ? inst.minSize - 1 : inst.minSize;
    const hi = c >= 0 ? inst.maxSize - 1 : inst.maxSize;
    const base = c >= 0 ? -price[c]! : -mu;
    const gains = new Float64Array(n);
    for (const u of this.others) gains[u] = (c >= 0 ? w[c * n + u]! : 0) - price[u]!;
    const found: Array<{ members: number[]; gain: number }> = [];
    let best = incumbent?.gain ?? -Infinity;
    let unresolved = -Infinity;
    const chosen: number[] = [];
    const record = (gain: number) => {
      if (gain <= best - 1e-9 && found.length >= keep) return;
      found.push({ members: c >= 0 ? [c, ...chosen] : [...chosen], gain });
      found.sort((a, b) => b.gain - a.gain);
      if (found.length > keep) found.pop();
      best = Math.max(best, gain);
    };
    const topSlots = new Float64Array(hi + 1);
    // Organisations still open to the lot (neither taken nor left out on this branch).
    const open = new Uint8Array(n);
    for (const u of this.others) open[u] = 1;
    // Buffers reused along the branch: the candidates per depth (both children of a node
    // share theirs), the gains per number of members taken (leaving one out keeps them).
    const m = this.others.length;
    const candidatesAt = Array.from({ length: m + 1 }, () => new Int32Array(m));
    candidatesAt[0]!.set(this.others);
    const gainsAt = Array.from({ length: hi + 1 }, () => new Float64Array(n));
    gainsAt[0]!.set(gains);
    const search = (value: number, depth: number, size: number) => {
      if (chosen.length >= lo) record(value);
      const slots = hi - chosen.length;
      if (slots === 0 || size === 0) return;
      const candidates = candidatesAt[depth]!;
      const gains = gainsAt[chosen.length]!;
      // The promise: the best `slots` positive potentials (insertion into a short sorted list).
      let count = 0;
      let pick = -1;
      let pickPotential = -Infinity;
      for (let k = 0; k < size; k++) {
        const u = candidates[k]!;
        // Half the best slots − 1 positive weights with organisations still open: what u's pairs with later members can add.
        let pairs = 0;
        const { partners, weights } = this.positive[u]!;
        for (let i = 0, taken = 0; i < partners.length && taken < slots - 1; i++) {
          if (open[partners[i]!]) {
            pairs += weights[i]!;
            taken++;
          }
        }
        const p = gains[u]! + pairs / 2;
        if (p > pickPotential) {
          pickPotential = p;
          pick = u;
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
        const u = candidates[k]!;
        if (u === pick) continue;
        rest[restSize++] = u;
        if (withPick) withPick[u] = gains[u]! + w[pick * n + u]!;
      }
      chosen.push(pick);
      open[pick] = 0;
      search(value + gains[pick]!, depth + 1, restSize);
      chosen.pop();
      search(value, depth + 1, restSize);
      open[pick] = 1;
    };
    search(base, 0, m);
    return { upper: Math.max(best, unresolved), lots: found };
  }
}
