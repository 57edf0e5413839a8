import type { Forms } from "../schema/call-document.ts";
import type { LotData } from "./lot-data.ts";
import { type LotGraph, keptForms } from "./lot-graph.ts";
import { highestScore } from "../schema/forms.ts";
import type { DesiredFigures, Layer } from "./metrics-schema.ts";

/**
 * The desired situation (docs/metrics.md, "Desired situation"), for one lot, wave and layer.
 * Desired arcs D: u -> v for u in R and v another node, whose tie has a `desired` score
 * for a form the layer keeps; d(u,v) = the highest such score. c(u,v) = the current
 * weight of u -> v (0 without that arc). P, the pairs compared: every arc u -> v of the
 * graph with u in R, together with every arc of D.
 * - m = |D|, density = |D| / (n(n-1)) (null when n < 2), meanContribution = mean d over D;
 * - gap: pairs of P with d > c (deepen), d < c (loosen), d = c (same), c = 0 < d (wished),
 *   d = 0 < c (dropped), and meanDelta = mean of d - c over P (null when P is empty);
 * - inStrength: per node, the sum of d over D-arcs into it.
 * The missing mode does not apply (a wish is only known from the one who has it): arcs
 * from R are the reported ones in either mode.
 */
export function desiredSituation(
  graph: LotGraph,
  circles: LotData["circles"],
  layer: Layer,
): { figures: DesiredFigures; inStrength: Map<string, number> } {
  const desired = desiredArcs(graph, circles, layer);
  const pairs = new Map<string, { c: number; d: number }>();
  graph.forEachEdge((_edge, attributes, source, target, sourceAttributes) => {
    if (sourceAttributes.responded) pairs.set(`${source}>${target}`, { c: attributes.weight, d: 0 });
  });
  for (const [key, { d }] of desired) pairs.set(key, { c: pairs.get(key)?.c ?? 0, d });

  const inStrength = new Map<string, number>(graph.mapNodes((node) => [node, 0]));
  for (const { to, d } of desired.values()) inStrength.set(to, inStrength.get(to)! + d);

  const n = graph.order;
  const compared = [...pairs.values()];
  const count = (test: (p: { c: number; d: number }) => boolean) => compared.filter(test).length;
  const dSum = [...desired.values()].reduce((s, a) => s + a.d, 0);
  const deltaSum = compared.reduce((s, p) => s + p.d - p.c, 0);
  return {
    figures: {
      m: desired.size,
      density: n < 2 ? null : desired.size / (n * (n - 1)),
      meanContribution: desired.size === 0 ? null : dSum / desired.size,
      gap: {
        deepen: count((p) => p.d > p.c),
        loosen: count((p) => p.d < p.c),
        same: count((p) => p.d === p.c),
        wished: count((p) => p.c === 0 && p.d > 0),
        dropped: count((p) => p.d === 0 && p.c > 0),
        meanDelta: compared.length === 0 ? null : deltaSum / compared.length,
      },
    },
    inStrength,
  };
}

/** A desired arc of D: u -> v with the weight d(u,v). */
export interface DesiredArc {
  from: string;
  to: string;
  d: number;
}

/** The desired arcs D of the lot graph's respondents, keyed `from>to` (docs/metrics.md, "Desired situation"). */
export function desiredArcs(graph: LotGraph, circles: LotData["circles"], layer: Layer): Map<string, DesiredArc> {
  const desired = new Map<string, DesiredArc>();
  for (const { respondent: u, ties } of circles) {
    if (!graph.hasNode(u)) continue;
    for (const tie of ties) {
      const v = tie.partner;
      if (v === u || !graph.hasNode(v) || tie.desired === undefined) continue;
      const d = highestKept(tie.desired, layer);
      if (d > 0 && !desired.has(`${u}>${v}`)) desired.set(`${u}>${v}`, { from: u, to: v, d });
    }
  }
  return desired;
}

/** The highest score among the forms of `forms` that `layer` keeps; 0 when it keeps none. */
export const highestKept = (forms: Forms, layer: Layer): number => highestScore(keptForms(forms, layer));
