import type { LotData } from "./lot-data.ts";
import { type LotGraph, lotGraphs } from "./lot-graph.ts";
import type { ArcRef, Layer, MissingMode, NetworkDelta, WaveChange } from "./metrics-schema.ts";
import { networkFigures } from "./network-figures.ts";

type Figure = number | null | { [key: string]: Figure };

/** b - a, leaf by leaf over two figure trees of the same shape; null where either side is. */
function difference(a: Figure, b: Figure): Figure {
  if (a === null || b === null) return null;
  if (typeof a === "number" || typeof b === "number") return (b as number) - (a as number);
  return Object.fromEntries(Object.keys(a).map((key) => [key, difference(a[key]!, b[key]!)]));
}

function arcs(graph: LotGraph): Map<string, ArcRef> {
  return new Map(graph.mapEdges((edge, _attributes, source, target) => [edge, { from: source, to: target }]));
}

/** Arcs of `from` missing in `to`, sorted by source then target. */
function missingIn(from: Map<string, ArcRef>, to: Map<string, ArcRef>): ArcRef[] {
  return [...from]
    .filter(([key]) => !to.has(key))
    .map(([, arc]) => arc)
    .sort((x, y) => (x.from === y.from ? (x.to < y.to ? -1 : 1) : x.from < y.from ? -1 : 1));
}

/**
 * Change in one lot from wave a to wave b (same layer and mode): the Jaccard
 * index of the two arc sets (weights ignored; null when both are empty), the arcs
 * added and dropped, and b - a of every network figure.
 */
export function waveChange(a: LotData, b: LotData, layer: Layer, missing: MissingMode = "observed"): WaveChange {
  if (a.lot.id !== b.lot.id) throw new Error(`waveChange compares one lot, got "${a.lot.id}" and "${b.lot.id}"`);
  const before = lotGraphs(a, layer, missing);
  const after = lotGraphs(b, layer, missing);
  const arcsA = arcs(before.graph);
  const arcsB = arcs(after.graph);
  const added = missingIn(arcsB, arcsA);
  const dropped = missingIn(arcsA, arcsB);
  const union = arcsA.size + added.length;
  return {
    lot: a.lot.id,
    waves: { a: { id: a.wave.id, name: a.wave.name }, b: { id: b.wave.id, name: b.wave.name } },
    arcJaccard: union === 0 ? null : (arcsA.size - dropped.length) / union,
    added,
    dropped,
    delta: difference(networkFigures(before), networkFigures(after)) as NetworkDelta,
  };
}
