import { type PartitionInstance, pairWeight } from "./partition-instance.ts";

/**
 * Good partitions found fast, by a tabu search: the integer program proves and
 * improves, but on larger instances it finds good partitions late or never, and the
 * time limit must always leave a good one to answer with.
 *
 * Organisations joined by `together` pairs move as one unit; units holding a
 * coordinator stay in that coordinator's lot. A greedy pass places the other units,
 * then every step makes the best move of one unit to another lot or swap of two units
 * (within the size bounds) among units not moved recently, even when it lowers the
 * score, so the search climbs out of local optima; when it stalls it restarts from
 * the best partition with a third of the units swapped at random. Broken `apart` pairs and
 * newcomers (under `noNewcomers`) cost more than any score can gain, so the search
 * leaves them first and then never returns to them. The work done is a fixed number
 * of steps and the random choices come from a fixed seed, so the same instance always
 * gives the same partitions.
 *
 * Answers the best `keep` different partitions met that keep every constraint, best
 * first (lots as lists of indices); empty when none was met.
 */
export function heuristicPartitions(inst: PartitionInstance, keep: number): number[][][] {
  const u = unitGraph(inst);
  const state = construct(inst, u);
  if (!state) return [];
  return new TabuSearch(inst, u, state, keep).run();
}

/** The organisations grouped into units by `together` pairs, and the weights and `apart` pairs between units. */
interface UnitGraph {
  members: number[][];
  size: number[];
  unitOf: number[];
  /** Lot of the coordinator in the unit, or −1. */
  fixed: number[];
  /** Sum of the pair weights between two units (m × m). */
  weight: Float64Array;
  /** 1 when some pair across two units must be apart (m × m). */
  apart: Uint8Array;
}

function unitGraph(inst: PartitionInstance): UnitGraph {
  const n = inst.ids.length;
  const parent = [...Array(n).keys()];
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [a, b] of inst.together) parent[find(a)] = find(b);
  const rootUnit = new Map<number, number>();
  const unitOf = new Array<number>(n);
  const members: number[][] = [];
  for (let o = 0; o < n; o++) {
    const root = find(o);
    if (!rootUnit.has(root)) {
      rootUnit.set(root, members.length);
      members.push([]);
    }
    unitOf[o] = rootUnit.get(root)!;
    members[unitOf[o]!]!.push(o);
  }
  const m = members.length;
  const fixed = new Array<number>(m).fill(-1);
  inst.coordinators.forEach((c, l) => (fixed[unitOf[c]!] = l));
  const weight = new Float64Array(m * m);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const ua = unitOf[a]!;
      const ub = unitOf[b]!;
      if (ua === ub) continue;
      const w = pairWeight(inst, a, b);
      weight[ua * m + ub]! += w;
      weight[ub * m + ua]! += w;
    }
  }
  const apart = new Uint8Array(m * m);
  for (const [a, b] of inst.apart) {
    apart[unitOf[a]! * m + unitOf[b]!] = 1;
    apart[unitOf[b]! * m + unitOf[a]!] = 1;
  }
  return { members, size: members.map((x) => x.length), unitOf, fixed, weight, apart };
}

/**
 * The greedy start: coordinators' units in their lots, then, step by step, the
 * unplaced unit and lot that break the fewest `apart` pairs and gain most together,
 * filling lots still short of `minSize` when what is left is only just enough. Null
 * when the sizes cannot be met this way.
 */
function construct(inst: PartitionInstance, u: UnitGraph): number[] | null {
  const m = u.members.length;
  const k = inst.lots;
  const lotOf = new Array<number>(m).fill(-1);
  const sizes = new Array<number>(k).fill(0);
  // Weight and apart pairs from each unit to each lot's placed units.
  const gain = new Float64Array(m * k);
  const clash = new Int32Array(m * k);
  const place = (a: number, l: number) => {
    lotOf[a] = l;
    sizes[l]! += u.size[a]!;
    for (let b = 0; b < m; b++) {
      gain[b * k + l]! += u.weight[b * m + a]!;
      clash[b * k + l]! += u.apart[b * m + a]!;
    }
  };
  for (let a = 0; a < m; a++) if (u.fixed[a]! >= 0) place(a, u.fixed[a]!);
  let unplaced = 0;
  for (let a = 0; a < m; a++) if (lotOf[a] === -1) unplaced += u.size[a]!;
  while (unplaced > 0) {
    const shortfall = sizes.reduce((s, size) => s + Math.max(0, inst.minSize - size), 0);
    const onlyNeedy = shortfall >= unplaced && sizes.some((s) => s < inst.minSize);
    let best: [number, number] | null = null;
    for (let a = 0; a < m; a++) {
      if (lotOf[a] !== -1) continue;
      for (let l = 0; l < k; l++) {
        if (sizes[l]! + u.size[a]! > inst.maxSize || (onlyNeedy && sizes[l]! >= inst.minSize)) continue;
        if (
          !best ||
          clash[a * k + l]! < clash[best[0] * k + best[1]]! ||
          (clash[a * k + l] === clash[best[0] * k + best[1]] && gain[a * k + l]! > gain[best[0] * k + best[1]]! + 1e-9)
        ) {
          best = [a, l];
        }
      }
    }
    if (!best) return null;
    place(best[0], best[1]);
    unplaced -= u.size[best[0]]!;
  }
  return sizes.every((s) => s >= inst.minSize && s <= inst.maxSize) ? lotOf : null;
}

/** A small seeded generator (mulberry32): the search's random choices must repeat exactly for the same instance. */
function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Steps of the search: bounded by the work per step, so that large instances stay within a second or so. */
const WORK = 4e7;
const MAX_STEPS = 6000;

class TabuSearch {
  private readonly m: number;
  private readonly k: number;
  private readonly lotOf: number[];
  private readonly sizes: number[];
  /** Sum of the weights from unit a to the units in lot l (m × k). */
  private readonly gain: Float64Array;
  /** Units in lot l that unit a must be apart from (m × k). */
  private readonly clash: Int32Array;
  /** H-neighbours of organisation o in lot l (n × k), under noNewcomers. */
  private readonly ties: Int32Array;
  /** Step until which a unit just moved stays where it is (unless moving it beats the best partition found). */
  private readonly tabuUntil: Int32Array;
  private readonly penalty: number;
  private readonly random = seeded(0x5eed);
  private score = 0;
  private violations = 0;
  private readonly elite = new Map<string, { score: number; lotOf: number[] }>();

  constructor(
    private readonly inst: PartitionInstance,
    private readonly u: UnitGraph,
    lotOf: number[],
    private readonly keep: number,
  ) {
    this.m = u.members.length;
    this.k = inst.lots;
    const { m, k } = this;
    this.lotOf = lotOf;
    this.sizes = new Array<number>(k).fill(0);
    this.gain = new Float64Array(m * k);
    this.clash = new Int32Array(m * k);
    this.ties = new Int32Array(inst.noNewcomers ? inst.ids.length * k : 0);
    this.tabuUntil = new Int32Array(m);
    let total = 0;
    for (let i = 0; i < m * m; i++) total += Math.abs(u.weight[i]!);
    // Keeping a constraint is worth more than any score.
    this.penalty = total + 1;
    for (let a = 0; a < m; a++) {
      this.sizes[lotOf[a]!]! += u.size[a]!;
      for (let b = 0; b < m; b++) {
        this.gain[a * k + lotOf[b]!]! += u.weight[a * m + b]!;
        this.clash[a * k + lotOf[b]!]! += u.apart[a * m + b]!;
      }
    }
    for (let a = 0; a < m; a++) {
      this.score += this.gain[a * k + lotOf[a]!]! / 2;
      this.violations += this.clash[a * k + lotOf[a]!]! / 2;
    }
    if (inst.noNewcomers) {
      for (let o = 0; o < inst.ids.length; o++) for (const x of inst.neighbours[o]!) this.ties[o * k + this.lotOfOrg(x)]! += 1;
      for (let o = 0; o < inst.ids.length; o++) if (this.ties[o * k + this.lotOfOrg(o)] === 0) this.violations += 1;
    }
  }

  private lotOfOrg(o: number): number {
    return this.lotOf[this.u.unitOf[o]!]!;
  }

  run(): number[][][] {
    const { m, k } = this;
    const perStep = m * k + (m * m) / 2 + 1;
    const steps = Math.max(50, Math.min(MAX_STEPS, Math.floor(WORK / perStep)));
    let bestValue = this.value();
    let bestLotOf = [...this.lotOf];
    let sinceBest = 0;
    this.remember();
    for (let step = 1; step <= steps; step++) {
      if (!this.step(step, bestValue)) break;
      this.remember();
      const value = this.value();
      if (value > bestValue + 1e-9) {
        bestValue = value;
        bestLotOf = [...this.lotOf];
        sinceBest = 0;
      } else if (++sinceBest > 40 + m) {
        // Stuck around one optimum: start again from the best partition, shaken.
        this.restart(bestLotOf);
        sinceBest = 0;
      }
    }
    return [...this.elite.values()]
      .sort((a, b) => b.score - a.score)
      .map((e) => this.lotsOf(e.lotOf));
  }

  private value(): number {
    return this.score - this.penalty * this.violations;
  }

  /** Makes the best move or swap not forbidden (or better than the best found); false when none is possible. */
  private step(step: number, bestValue: number): boolean {
    const { m, k, u, inst } = this;
    const here = this.value();
    let best = -Infinity;
    let choice: [number, number] | null = null;
    let ties = 0;
    const consider = (delta: number, violationsDelta: number, tabu: boolean, move: [number, number]) => {
      const d = delta - this.penalty * violationsDelta;
      if (tabu && here + d <= bestValue + 1e-9) return;
      if (d > best + 1e-9) {
        best = d;
        choice = move;
        ties = 1;
      } else if (d > best - 1e-9 && this.random() * ++ties < 1) {
        choice = move;
      }
    };
    for (let a = 0; a < m; a++) {
      if (u.fixed[a]! >= 0) continue;
      const from = this.lotOf[a]!;
      if (this.sizes[from]! - u.size[a]! < inst.minSize) continue;
      for (let l = 0; l < k; l++) {
        if (l === from || this.sizes[l]! + u.size[a]! > inst.maxSize) continue;
        const delta = this.gain[a * k + l]! - this.gain[a * k + from]!;
        const broken = this.clash[a * k + l]! - this.clash[a * k + from]!;
        consider(delta, broken + this.newcomerDelta([a], [l]), this.tabuUntil[a]! > step, [a, -1 - l]);
      }
    }
    for (let a = 0; a < m; a++) {
      if (u.fixed[a]! >= 0) continue;
      const la = this.lotOf[a]!;
      for (let b = a + 1; b < m; b++) {
        const lb = this.lotOf[b]!;
        if (u.fixed[b]! >= 0 || la === lb) continue;
        const diff = u.size[b]! - u.size[a]!;
        if (diff !== 0) {
          const sa = this.sizes[la]! + diff;
          const sb = this.sizes[lb]! - diff;
          if (sa < inst.minSize || sa > inst.maxSize || sb < inst.minSize || sb > inst.maxSize) continue;
        }
        const wab = u.weight[a * m + b]!;
        const delta = this.gain[a * k + lb]! - this.gain[a * k + la]! + this.gain[b * k + la]! - this.gain[b * k + lb]! - 2 * wab;
        const apart = u.apart[a * m + b]!;
        const broken = this.clash[a * k + lb]! - this.clash[a * k + la]! + this.clash[b * k + la]! - this.clash[b * k + lb]! - 2 * apart;
        const tabu = this.tabuUntil[a]! > step || this.tabuUntil[b]! > step;
        consider(delta, broken + this.newcomerDelta([a, b], [lb, la]), tabu, [a, b]);
      }
    }
    if (!choice) return false;
    const [a, b] = choice as [number, number];
    const tenure = () => step + 3 + Math.floor(this.random() * Math.max(4, m / 8));
    if (b < 0) {
      this.tabuUntil[a] = tenure();
      this.moveUnit(a, -1 - b);
    } else {
      const la = this.lotOf[a]!;
      const lb = this.lotOf[b]!;
      this.tabuUntil[a] = tenure();
      this.tabuUntil[b] = tenure();
      this.moveUnit(a, lb);
      this.moveUnit(b, la);
    }
    return true;
  }

  /** Change in the number of newcomers when units move to the given lots (0 without noNewcomers). */
  private newcomerDelta(units: number[], to: number[]): number {
    if (!this.inst.noNewcomers) return 0;
    const { k, u, inst } = this;
    const from = units.map((a) => this.lotOf[a]!);
    units.forEach((a, i) => this.shiftTies(a, from[i]!, to[i]!));
    units.forEach((a, i) => (this.lotOf[a] = to[i]!));
    let delta = 0;
    const seen = new Set<number>();
    const count = (sign: number) => {
      seen.clear();
      for (const a of units) {
        for (const o of u.members[a]!) {
          for (const x of [o, ...inst.neighbours[o]!]) {
            if (seen.has(x)) continue;
            seen.add(x);
            if (this.ties[x * k + this.lotOfOrg(x)] === 0) delta += sign;
          }
        }
      }
    };
    count(1);
    units.forEach((a, i) => this.shiftTies(a, to[i]!, from[i]!));
    units.forEach((a, i) => (this.lotOf[a] = from[i]!));
    count(-1);
    return delta;
  }

  private shiftTies(a: number, from: number, to: number) {
    const { k } = this;
    for (const o of this.u.members[a]!) {
      for (const x of this.inst.neighbours[o]!) {
        this.ties[x * k + from]! -= 1;
        this.ties[x * k + to]! += 1;
      }
    }
  }

  private moveUnit(a: number, to: number) {
    const { m, k, u } = this;
    const from = this.lotOf[a]!;
    if (from === to) return;
    this.score += this.gain[a * k + to]! - this.gain[a * k + from]!;
    this.violations += this.clash[a * k + to]! - this.clash[a * k + from]!;
    if (this.inst.noNewcomers) this.violations += this.newcomerDelta([a], [to]);
    for (let b = 0; b < m; b++) {
      const w = u.weight[b * m + a]!;
      this.gain[b * k + from]! -= w;
      this.gain[b * k + to]! += w;
      const x = u.apart[b * m + a]!;
      this.clash[b * k + from]! -= x;
      this.clash[b * k + to]! += x;
    }
    if (this.inst.noNewcomers) this.shiftTies(a, from, to);
    this.lotOf[a] = to;
    this.sizes[from]! -= u.size[a]!;
    this.sizes[to]! += u.size[a]!;
  }

  private restart(from: number[]) {
    const { m, u } = this;
    for (let a = 0; a < m; a++) this.moveUnit(a, from[a]!);
    const free = [...Array(m).keys()].filter((a) => u.fixed[a]! < 0);
    for (let shake = 0; shake < Math.max(2, Math.floor(free.length / 3)); shake++) {
      const a = free[Math.floor(this.random() * free.length)]!;
      const b = free[Math.floor(this.random() * free.length)]!;
      const la = this.lotOf[a]!;
      const lb = this.lotOf[b]!;
      if (la === lb || u.size[a] !== u.size[b]) continue;
      this.moveUnit(a, lb);
      this.moveUnit(b, la);
    }
    this.tabuUntil.fill(0);
  }

  /** Keeps the current partition among the best different ones met, if it keeps every constraint. */
  private remember() {
    if (this.violations !== 0) return;
    const entries = [...this.elite.values()];
    if (entries.length >= this.keep && entries.every((e) => e.score >= this.score - 1e-9)) return;
    const key = this.key();
    if (this.elite.has(key)) return;
    this.elite.set(key, { score: this.score, lotOf: [...this.lotOf] });
    if (this.elite.size > this.keep) {
      let worst: string | null = null;
      let worstScore = Infinity;
      for (const [key, e] of this.elite) {
        if (e.score < worstScore) {
          worst = key;
          worstScore = e.score;
        }
      }
      this.elite.delete(worst!);
    }
  }

  /** The partition without the names of its lots: lots numbered by their first organisation. */
  private key(): string {
    const names = new Map<number, number>();
    const n = this.inst.ids.length;
    const out = new Array<number>(n);
    for (let o = 0; o < n; o++) {
      const l = this.lotOfOrg(o);
      if (!names.has(l)) names.set(l, names.size);
      out[o] = names.get(l)!;
    }
    return out.join(",");
  }

  private lotsOf(lotOf: number[]): number[][] {
    const lots: number[][] = Array.from({ length: this.k }, () => []);
    for (let o = 0; o < this.inst.ids.length; o++) lots[lotOf[this.u.unitOf[o]!]!]!.push(o);
    return lots;
  }
}
