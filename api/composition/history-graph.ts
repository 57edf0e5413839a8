import { UndirectedGraph } from "graphology";
import type { HistoryTie } from "../schema/proposals.ts";

/**
 * H of docs/metrics.md: the undirected simple graph of every tie reported in the chosen
 * waves, whatever the lot and the layer. Organisations are the same across calls when
 * their ids are, so ties from several calls meet in one graph.
 */
export function historyGraph(ties: Iterable<HistoryTie>): UndirectedGraph {
  const h = new UndirectedGraph();
  for (const { respondent, partner } of ties) {
    if (respondent === partner) continue;
    h.mergeEdge(respondent, partner);
  }
  return h;
}

/** The edges of H among `members`, each pair in id order, sorted; the lot's prior ties. */
export function priorTiesAmong(h: UndirectedGraph, members: readonly string[]): Array<[string, string]> {
  const sorted = [...new Set(members)].sort();
  const ties: Array<[string, string]> = [];
  sorted.forEach((a, i) => {
    for (const b of sorted.slice(i + 1)) if (h.hasNode(a) && h.hasNode(b) && h.areNeighbors(a, b)) ties.push([a, b]);
  });
  return ties;
}
