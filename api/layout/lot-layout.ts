import { UndirectedGraph } from "graphology";
import { circular } from "graphology-layout";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { LotData } from "../analysis/lot-data.ts";
import { buildLotGraph } from "../analysis/lot-graph.ts";

export interface Position {
  x: number;
  y: number;
}
export type Positions = Map<string, Position>;

/** Fixed, so that the same data always gives the same picture. */
const ITERATIONS = 400;
/** Lot nodes fit in the unit disc; organisations outside the lot sit on a ring beyond it. */
export const OUTSIDE_RADIUS = 1.5;

/** Centre on the centroid and scale so the farthest node lies on the unit circle. */
function normalise(positions: Positions): Positions {
  const all = [...positions.values()];
  if (all.length === 0) return positions;
  const cx = all.reduce((s, p) => s + p.x, 0) / all.length;
  const cy = all.reduce((s, p) => s + p.y, 0) / all.length;
  const reach = Math.max(...all.map((p) => Math.hypot(p.x - cx, p.y - cy)));
  const scale = reach > 1e-9 ? 1 / reach : 1;
  // Rounded: a millionth of the picture is invisible, and files stay readable.
  const round = (v: number) => Math.round(v * 1e6) / 1e6 + 0;
  return new Map([...positions].map(([id, p]) => [id, { x: round((p.x - cx) * scale), y: round((p.y - cy) * scale) }]));
}

/**
 * Positions of a lot's active members, computed once over every wave's ties in
 * every layer (the `all` layer with non-respondents' ties reconstructed is the
 * union of them all), so a node stays put when the layer, mode or wave changes and
 * a change in the picture is a change in the ties. Seeded on a circle in member
 * order and run for a fixed number of ForceAtlas2 iterations: no randomness.
 */
export function lotLayout(waves: readonly LotData[]): Positions {
  const union = new UndirectedGraph();
  for (const data of waves) {
    for (const m of data.members) if (m.active && !union.hasNode(m.id)) union.addNode(m.id);
  }
  for (const data of waves) {
    buildLotGraph(data, "all", "reconstruct").forEachEdge((_edge, _attributes, source, target) => {
      if (union.hasNode(source) && union.hasNode(target)) union.mergeEdge(source, target);
    });
  }
  if (union.order === 0) return new Map();
  circular.assign(union, { scale: 1 });
  forceAtlas2.assign(union, { iterations: ITERATIONS, settings: { ...forceAtlas2.inferSettings(union), gravity: 1, scalingRatio: 4 } });
  const positions: Positions = new Map();
  union.forEachNode((node, attributes) => positions.set(node, { x: attributes.x as number, y: attributes.y as number }));
  return normalise(positions);
}

/**
 * Positions on the outer ring for organisations outside the lot: each near the lot
 * members that name it (the direction of their mean position), spread evenly in
 * that order so none overlap. `ties` should span every wave, for stability.
 */
export function outsideRing(lot: Positions, ties: ReadonlyArray<{ from: string; to: string }>): Positions {
  const anchors = new Map<string, Position[]>();
  for (const t of ties) {
    const p = lot.get(t.from);
    if (!p || lot.has(t.to)) continue;
    anchors.set(t.to, [...(anchors.get(t.to) ?? []), p]);
  }
  const preferred = [...anchors].map(([id, ps]) => {
    const x = ps.reduce((s, p) => s + p.x, 0);
    const y = ps.reduce((s, p) => s + p.y, 0);
    return { id, angle: Math.hypot(x, y) < 1e-9 ? 0 : Math.atan2(y, x) };
  });
  preferred.sort((a, b) => a.angle - b.angle || a.id.localeCompare(b.id));
  return ring(
    preferred.map((p) => p.id),
    OUTSIDE_RADIUS,
    preferred[0]?.angle ?? 0,
  );
}

/** `ids` evenly spaced on a circle, in order, the first at angle `start`. */
export function ring(ids: readonly string[], radius: number, start = 0): Positions {
  const step = (2 * Math.PI) / Math.max(1, ids.length);
  return new Map(ids.map((id, i) => [id, { x: radius * Math.cos(start + i * step), y: radius * Math.sin(start + i * step) }]));
}

/**
 * Lay several pictures side by side on a grid (the whole call: one cell per lot),
 * each shifted so its own centre sits in the middle of its cell.
 */
export function sideBySide(pictures: readonly Positions[], cell = 3): Positions[] {
  const columns = Math.max(1, Math.ceil(Math.sqrt(pictures.length)));
  return pictures.map((positions, i) => {
    const dx = (i % columns) * cell;
    const dy = -Math.floor(i / columns) * cell;
    return new Map([...positions].map(([id, p]) => [id, { x: p.x + dx, y: p.y + dy }]));
  });
}
