import type { LotGraph } from "./lot-graph.ts";

/**
 * Share of the arcs between two respondents whose reverse arc exists too; null
 * when there are none. Only respondents count: a non-respondent cannot
 * reciprocate, so arcs to it would only dilute the figure.
 */
export function reciprocity(graph: LotGraph): number | null {
  let arcs = 0;
  let reciprocated = 0;
  graph.forEachEdge((_arc, _attrs, u, v, uAttrs, vAttrs) => {
    if (!uAttrs.responded || !vAttrs.responded) return;
    arcs++;
    if (graph.hasDirectedEdge(v, u)) reciprocated++;
  });
  return arcs === 0 ? null : reciprocated / arcs;
}
