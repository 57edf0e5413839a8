import { type PartitionInstance, pairWeight } from "./partition-instance.ts";

/**
 * A good feasible partition found fast, handed to HiGHS as its first incumbent: the
 * integer program proves and improves, but on larger instances it can take long to
 * find any partition by itself. Organisations joined by `together` pairs move as one
 * unit; units are placed greedily (coordinators first, largest units first, each
 * where it gains most without breaking a size bound or an `apart` pair), then single
 * moves and swaps improve the score while they keep every constraint. Null when this
 * simple search ends with a constraint broken (the solver then searches alone).
 */
export function heuristicPartition(inst: PartitionInstance): number[][] | null {
  const n = inst.ids.length;
  const k = inst.lots;
  const unitOf = [...Array(n).keys()];
  const find = (u: number): number => (unitOf[u] === u ? u : (unitOf[u] = find(unitOf[u]!)));
  for (const [u, v] of inst.together) unitOf[find(u)] = find(v);
  const units = new Map<number, number[]>();
  for (let u = 0; u < n; u++) units.set(find(u), [...(units.get(find(u)) ?? []), u]);
  const apart = new Set(inst.apart.flatMap(([u, v]) => [u * n + v, v * n + u]));
  const w = (u: number, v: number) => (u < v ? pairWeight(inst, u, v) : pairWeight(inst, v, u));

  const lots: number[][] = Array.from({ length: k }, () => []);
  const lotOf = new Array<number>(n).fill(-1);
  const place = (unit: number[], l: number) => {
    for (const u of unit) {
      lots[l]!.push(u);
      lotOf[u] = l;
    }
  };
  const fits = (unit: number[], l: number) =>
    lots[l]!.length + unit.length <= inst.maxSize && unit.every((u) => lots[l]!.every((v) => !apart.has(u * n + v)));
  const gain = (unit: number[], l: number) => unit.reduce((g, u) => g + lots[l]!.reduce((s, v) => s + w(u, v), 0), 0);

  const placed = new Set<number>();
  inst.coordinators.forEach((c, l) => {
    const unit = units.get(find(c))!;
    place(unit, l);
    placed.add(find(c));
  });
  const rest = [...units.entries()].filter(([root]) => !placed.has(root)).sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  let unplaced = rest.reduce((s, [, unit]) => s + unit.length, 0);
  for (const [, unit] of rest) {
    // Lots still short of minSize need what is left: fill them before adding to full ones.
    const shortfall = lots.reduce((s, lot) => s + Math.max(0, inst.minSize - lot.length), 0);
    const candidates = [...Array(k).keys()].filter((l) => fits(unit, l));
    const needy = candidates.filter((l) => lots[l]!.length < inst.minSize);
    const pool = shortfall >= unplaced && needy.length ? needy : candidates;
    if (!pool.length) return null;
    const best = pool.reduce((a, b) => (gain(unit, b) > gain(unit, a) ? b : a));
    place(unit, best);
    unplaced -= unit.length;
  }

  const together = (u: number) => units.get(find(u))!;
  const isCoordinatorUnit = (u: number) => inst.coordinators.some((c) => find(c) === find(u));
  const moveUnit = (unit: number[], to: number) => {
    const from = lotOf[unit[0]!]!;
    lots[from] = lots[from]!.filter((v) => !unit.includes(v));
    place(unit, to);
  };
  // Improve by moving one unit, while the score rises (bounded rounds: a fixed, deterministic amount of work).
  for (let round = 0; round < 50; round++) {
    let improved = false;
    for (let u = 0; u < n; u++) {
      if (find(u) !== u || isCoordinatorUnit(u)) continue;
      const unit = together(u);
      const from = lotOf[u]!;
      if (lots[from]!.length - unit.length < inst.minSize) continue;
      const lose = gain(unit, from) - unit.reduce((s, a) => s + unit.reduce((t, b) => t + (a < b ? w(a, b) : 0), 0), 0);
      for (let l = 0; l < k; l++) {
        if (l === from || !fits(unit, l) || gain(unit, l) <= lose + 1e-9) continue;
        moveUnit(unit, l);
        improved = true;
        break;
      }
    }
    if (!improved) break;
  }

  const tied = (u: number, v: number) => inst.neighbours[u]!.includes(v);
  const ok =
    lots.every((lot) => lot.length >= inst.minSize && lot.length <= inst.maxSize) &&
    (!inst.noNewcomers || lots.every((lot) => lot.every((u) => lot.some((v) => v !== u && tied(u, v)))));
  return ok ? lots : null;
}
