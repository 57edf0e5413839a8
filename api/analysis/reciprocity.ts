import type { LotGraph } from "./lot-graph.ts";

/**
 * Share of the arcs between two respondents whose reverse arc exists too; null
 * when there are none. Only respondents count: a non-respondent cannot
 * reciprocate, so arcs to it would only dilute the figure.
 */
export function reciprocity(graph: LotGraph): number | null {
  let arcs = 0;
  let reciprocated = 0;
  graph.forEachEdge((_edge, _attributes, source, target, sourceAttributes, targetAttributes) => {
    if (!sourceAttributes.responded || !targetAttributes.responded) return;
    arcs++;
    if (graph.hasDirectedEdge(target, source)) reciprocated++;
  });
  return arcs === 0 ? null : reciprocated / arcs;
}
