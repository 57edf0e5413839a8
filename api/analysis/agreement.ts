import { formsOf, type LotGraph } from "./lot-graph.ts";
import type { Agreement } from "./metrics-schema.ts";

/** |A ∩ B| / |A ∪ B| of two non-empty sets. */
function jaccard<T>(a: Set<T>, b: Set<T>): number {
  const common = [...a].filter((x) => b.has(x)).length;
  return common / (a.size + b.size - common);
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * Dyad agreement between respondents: over pairs of respondents that both named
 * each other, how far their weights differ and how much their form sets overlap;
 * plus the pairs of respondents where only one named the other. The form sets
 * are the ties' full forms, whatever the layer: within one layer the kept forms
 * would always agree.
 */
export function agreement(graph: LotGraph): Agreement {
  const differences: number[] = [];
  const overlaps: number[] = [];
  let oneSided = 0;
  graph.forEachEdge((_arc, attrs, u, v, uAttrs, vAttrs) => {
    if (!uAttrs.responded || !vAttrs.responded) return;
    const reverse = graph.directedEdge(v, u);
    if (reverse === undefined) {
      oneSided++;
      return;
    }
    if (u > v) return; // each mutual pair once
    const back = graph.getEdgeAttributes(reverse);
    differences.push(Math.abs(attrs.weight - back.weight));
    overlaps.push(jaccard(new Set(formsOf(attrs.tieForms)), new Set(formsOf(back.tieForms))));
  });
  return {
    pairs: differences.length,
    meanAbsDifference: mean(differences),
    meanFormJaccard: mean(overlaps),
    oneSided,
  };
}
