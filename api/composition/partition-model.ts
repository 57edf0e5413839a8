import { type PartitionInstance, pairWeight } from "./partition-instance.ts";

/**
 * The exact integer program of a suggestion request (the clique-partitioning
 * formulation of Grötschel and Wakabayashi, with lot count and sizes), solved by HiGHS.
 *
 *   z[u,v] ∈ {0,1}  u and v sit in the same lot (u < v)
 *   r[u] ∈ {0,1}    u is the first member (in id order) of its lot
 *
 *   maximise   Σ w(u,v) · z[u,v]
 *   subject to z[u,v] + z[v,t] − z[u,t] ≤ 1 for every triple, each way round  (being in one lot is transitive)
 *              minSize − 1 ≤ Σ_v z[u,v] ≤ maxSize − 1                          (u's lot has a size within bounds)
 *              r[u] + z[v,u] ≤ 1 (v < u);  r[u] + Σ_{v<u} z[v,u] ≥ 1;  Σ_u r[u] = lots
 *              coordinators: z = 0 between any two; together: z = 1; apart: z = 0
 *              noNewcomers: Σ_{v H-neighbour of u} z[u,v] ≥ 1
 *              every lot coordinated: Σ_c z[u,c] = 1 over the coordinators c   (each organisation joins one of them)
 *
 * The lots carry no labels, so the search meets every partition only once. The
 * 3·C(n,3) triangle inequalities are not built here: most never bind, and with all
 * of them HiGHS spends seconds on the relaxation of 60 organisations. The search adds
 * those a solution violates (`violatedTriangles`) and solves again; without the rest
 * the program is a relaxation, so every bound it gives stays an upper limit. The last
 * row is implied for integer solutions but not by the relaxation, whose bound it
 * tightens.
 */
export interface PartitionModel {
  numCols: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  rows: Array<{ lower: number; upper: number; indices: number[]; values: number[] }>;
  /** Column of z[u,v]. */
  z: (u: number, v: number) => number;
}

export function partitionModel(inst: PartitionInstance): PartitionModel {
  const n = inst.ids.length;
  const pairs = (n * (n - 1)) / 2;
  // Pairs in row order: (0,1), (0,2), …, (1,2), …
  const offset = (u: number) => u * n - (u * (u + 1)) / 2 - u - 1;
  const z = (u: number, v: number) => (u < v ? offset(u) + v : offset(v) + u);
  const r = (u: number) => pairs + u;
  const model: PartitionModel = { numCols: pairs + n, colCost: [], colLower: [], colUpper: [], rows: [], z };
  const row = (lower: number, upper: number, terms: Array<[number, number]>) => {
    model.rows.push({ lower, upper, indices: terms.map((t) => t[0]), values: terms.map((t) => t[1]) });
  };
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      model.colCost.push(pairWeight(inst, u, v));
      model.colLower.push(0);
      model.colUpper.push(1);
    }
  }
  for (let u = 0; u < n; u++) {
    model.colCost.push(0);
    model.colLower.push(0);
    model.colUpper.push(1);
  }

  const others = (u: number) => [...Array(n).keys()].filter((v) => v !== u);
  for (let u = 0; u < n; u++) row(inst.minSize - 1, inst.maxSize - 1, others(u).map((v): [number, number] => [z(u, v), 1]));
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < u; v++) row(-Infinity, 1, [[r(u), 1], [z(v, u), 1]]);
    row(1, Infinity, [[r(u), 1], ...[...Array(u).keys()].map((v): [number, number] => [z(v, u), 1])]);
  }
  row(inst.lots, inst.lots, [...Array(n).keys()].map((u): [number, number] => [r(u), 1]));

  inst.coordinators.forEach((a, i) => {
    for (const b of inst.coordinators.slice(i + 1)) model.colUpper[z(a, b)] = 0;
  });
  for (const [u, v] of inst.together) model.colLower[z(u, v)] = 1;
  for (const [u, v] of inst.apart) model.colUpper[z(u, v)] = 0;
  if (inst.noNewcomers) {
    for (let u = 0; u < n; u++) row(1, Infinity, inst.neighbours[u]!.map((v): [number, number] => [z(u, v), 1]));
  }
  if (inst.coordinators.length === inst.lots) {
    const led = new Set(inst.coordinators);
    for (let u = 0; u < n; u++) if (!led.has(u)) row(1, 1, inst.coordinators.map((c): [number, number] => [z(u, c), 1]));
  }
  return model;
}

/** Every triangle inequality, each way round: for small instances, where one solve with all of them beats rounds of adding them. */
export function allTriangles(model: PartitionModel, n: number): PartitionModel["rows"] {
  const rows: PartitionModel["rows"] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      for (let c = b + 1; c < n; c++) {
        const [ab, bc, ac] = [model.z(a, b), model.z(b, c), model.z(a, c)];
        for (const [x, y, minus] of [[ab, bc, ac], [ab, ac, bc], [ac, bc, ab]] as const) {
          rows.push({ lower: -Infinity, upper: 1, indices: [x, y, minus], values: [1, 1, -1] });
        }
      }
    }
  }
  return rows;
}

/**
 * Triangle inequalities z[a,b] + z[a,c] − z[b,c] ≤ 1 that the values break, most
 * broken first, at most `max` of them, as rows to add.
 */
export function violatedTriangles(model: PartitionModel, n: number, values: ArrayLike<number>, max: number): PartitionModel["rows"] {
  const found: Array<{ excess: number; indices: number[] }> = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const ab = model.z(a, b);
      const zab = values[ab]!;
      // Only a pair in one lot (even partly) can start a broken triangle.
      if (zab < 1e-6) continue;
      for (let c = b + 1; c < n; c++) {
        if (c === a) continue;
        const ac = model.z(a, c);
        const bc = model.z(b, c);
        const excess = zab + values[ac]! - values[bc]! - 1;
        if (excess > 1e-6) found.push({ excess, indices: [ab, ac, bc] });
      }
    }
  }
  // The sort is stable: equal excesses keep their order, so the same values always give the same rows.
  return found
    .sort((x, y) => y.excess - x.excess)
    .slice(0, max)
    .map((f) => ({ lower: -Infinity, upper: 1, indices: f.indices, values: [1, 1, -1] }));
}

/**
 * When every lot has a coordinator, u and v share a lot only with one of them:
 * z[u,v] ≤ Σ_c min(z[u,c], z[v,c]). For each split of the coordinators into A and
 * the rest, z[u,v] − Σ_{c∈A} z[u,c] − Σ_{c∉A} z[v,c] ≤ 0 holds for every partition
 * (the coordinator of their lot is on one side, and both are with it); the split
 * that puts each c with the smaller of z[u,c], z[v,c] gives the most broken row.
 * These are the rows of linking each pair to the coordinators' lots with extra
 * columns, without the columns, and only where the values break them.
 */
export function violatedCoordinatorLinks(
  model: PartitionModel,
  n: number,
  coordinators: readonly number[],
  values: ArrayLike<number>,
  max: number,
): PartitionModel["rows"] {
  const led = new Set(coordinators);
  const found: Array<{ excess: number; row: PartitionModel["rows"][number] }> = [];
  for (let u = 0; u < n; u++) {
    if (led.has(u)) continue;
    for (let v = u + 1; v < n; v++) {
      if (led.has(v)) continue;
      const uv = model.z(u, v);
      let excess = values[uv]!;
      if (excess <= 1e-6) continue;
      const indices = [uv];
      for (const c of coordinators) {
        const [uc, vc] = [model.z(u, c), model.z(v, c)];
        const smaller = values[uc]! <= values[vc]! ? uc : vc;
        excess -= values[smaller]!;
        indices.push(smaller);
      }
      if (excess > 1e-6) found.push({ excess, row: { lower: -Infinity, upper: 0, indices, values: indices.map((_, i) => (i === 0 ? 1 : -1)) } });
    }
  }
  return found.sort((x, y) => y.excess - x.excess).slice(0, max).map((f) => f.row);
}

/** The lots of a solution: groups of organisations joined by z, each in id order, in order of their first member. */
export function lotsOf(model: PartitionModel, n: number, values: ArrayLike<number>): number[][] {
  const lotOf = new Array<number>(n).fill(-1);
  const lots: number[][] = [];
  for (let u = 0; u < n; u++) {
    if (lotOf[u] !== -1) continue;
    lotOf[u] = lots.length;
    const lot = [u];
    for (let v = u + 1; v < n; v++) {
      if (values[model.z(u, v)]! > 0.5) {
        lotOf[v] = lots.length;
        lot.push(v);
      }
    }
    lots.push(lot);
  }
  return lots;
}

/**
 * The cut that excludes one partition from later searches: the pairs it puts
 * together cannot all be together while every other pair stays apart.
 */
export function excludePartition(model: PartitionModel, n: number, lots: readonly (readonly number[])[]): PartitionModel["rows"][number] {
  const lotOf = new Array<number>(n);
  lots.forEach((lot, l) => lot.forEach((o) => (lotOf[o] = l)));
  const indices: number[] = [];
  const values: number[] = [];
  let together = 0;
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      const same = lotOf[u] === lotOf[v];
      indices.push(model.z(u, v));
      values.push(same ? 1 : -1);
      if (same) together++;
    }
  }
  return { lower: -Infinity, upper: together - 1, indices, values };
}
