/**
 * A curious respondent attacking its own feedback report, written apart from the
 * product's disclosure audit so that it checks it rather than repeats it.
 *
 * The attacker knows the lot's members and coordinator, its own ties, who of the
 * others responded, and the rule that turns answers into figures (the rule is
 * public). The unknowns are the ties u → v of every other respondent u to every
 * other member v, each a weight 0-4 (0: no tie). It searches every assignment of
 * weights that reproduces what the report shows and lists, per unknown tie, the
 * weights it can have. A tie is given away when it cannot be absent, or cannot be
 * present, or can be present with one score only.
 *
 * Two searches: `bruteForce` tries every assignment tie by tie (small lots only);
 * `bySums` lets the caller say which ties the figures treat alike (a partition
 * into groups) and builds each group's reachable (count, sum) by a dynamic
 * programme over its ties, one tie at a time.
 */

export interface Lot {
  members: string[];
  reader: string;
  coordinator: string | null;
  /** Other members who responded. */
  respondents: string[];
  /** The reader's own weights to other members (absent: no tie). */
  own: Map<string, number>;
}

export interface Tie {
  from: string;
  to: string;
}

export interface Stats {
  count: number;
  sum: number;
}

export const unknownTies = (lot: Lot): Tie[] =>
  lot.respondents.flatMap((from) => lot.members.filter((to) => to !== from).map((to) => ({ from, to })));

/** Weights a tie can have, as a set; and whether that gives it away. */
export type Possible = Set<number>;
export const givenAway = (p: Possible): boolean => !p.has(0) || [1, 2, 3, 4].filter((w) => p.has(w)).length < 2;

/**
 * Figures as the attacker computes them from a world reduced to per-group
 * (count, sum), as a string to compare with what the report shows.
 */
export type Predict = (groups: readonly Stats[]) => string;

/** A (count, sum) as one number. */
const code = (count: number, sum: number) => count * 10_000 + sum;
const decode = (c: number): Stats => ({ count: Math.floor(c / 10_000), sum: c % 10_000 });

/** Every (count, sum) that `k` ties with weights 0-4 can reach, plus `fixed` (one tie already chosen), by dynamic programming. */
function reachable(k: number, fixed?: number): Set<number> {
  let states = new Set<number>([fixed === undefined || fixed === 0 ? code(0, 0) : code(1, fixed)]);
  for (let i = 0; i < k; i++) {
    const next = new Set<number>(states);
    for (const s of states) for (let w = 1; w <= 4; w++) next.add(s + code(1, w));
    states = next;
  }
  return states;
}

/** What `predict` says for every combination of the groups' reachable sums; kept per `table` name, as it depends on nothing else. */
const tables = new Map<string, Array<{ groups: number[]; predicted: string }>>();
function predictions(table: string, sizes: number[], predict: Predict) {
  let out = tables.get(table);
  if (out === undefined) {
    out = [];
    const free = sizes.map((k) => [...reachable(k)]);
    const chosen: number[] = [];
    const combine = (g: number) => {
      if (g === sizes.length) {
        out!.push({ groups: [...chosen], predicted: predict(chosen.map(decode)) });
        return;
      }
      for (const c of free[g]!) {
        chosen[g] = c;
        combine(g + 1);
      }
    };
    combine(0);
    tables.set(table, out);
  }
  return out;
}

/**
 * Per unknown tie, the weights it can have. `groupOf` assigns each unknown tie a
 * group; `predict` must depend on the world only through the groups' (count,
 * sum) and on nothing else than `table` names (lots alike for the rule share it).
 */
export function bySums(lot: Lot, groupOf: (t: Tie) => number, groups: number, predict: Predict, observed: string, table: string): Map<string, Possible> {
  const ties = unknownTies(lot);
  const sizes = Array.from({ length: groups }, (_, g) => ties.filter((t) => groupOf(t) === g).length);
  // Every combination of the groups' sums that reproduces the report.
  const consistent = predictions(`${table}/${sizes}`, sizes, predict).filter((p) => p.predicted === observed);
  const possibleInGroup = sizes.map((k, g) => {
    const possible: Possible = new Set();
    if (k === 0) return possible;
    for (let w = 0; w <= 4; w++) {
      const reach = reachable(k - 1, w);
      if (consistent.some((c) => reach.has(c.groups[g]!))) possible.add(w);
    }
    return possible;
  });
  return new Map(ties.map((t) => [`${t.from}->${t.to}`, possibleInGroup[groupOf(t)]!]));
}

/** Per unknown tie, the weights it can have, trying every assignment (5^ties worlds). */
export function bruteForce(lot: Lot, groupOf: (t: Tie) => number, groups: number, predict: Predict, observed: string): Map<string, Possible> {
  const ties = unknownTies(lot);
  const group = ties.map(groupOf);
  const possible = ties.map(() => new Set<number>());
  const weights = ties.map(() => 0);
  const stats = Array.from({ length: groups }, () => 0);
  const cache = new Map<string, boolean>();
  const visit = (i: number): void => {
    if (i === ties.length) {
      const k = stats.join(",");
      let fits = cache.get(k);
      if (fits === undefined) cache.set(k, (fits = predict(stats.map(decode)) === observed));
      if (fits) weights.forEach((w, j) => possible[j]!.add(w));
      return;
    }
    for (let w = 0; w <= 4; w++) {
      weights[i] = w;
      if (w > 0) stats[group[i]!]! += code(1, w);
      visit(i + 1);
      if (w > 0) stats[group[i]!]! -= code(1, w);
    }
  };
  visit(0);
  return new Map(ties.map((t, j) => [`${t.from}->${t.to}`, possible[j]!]));
}
