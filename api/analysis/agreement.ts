import { formsOf } from "../schema/forms.ts";
import type { LotGraph } from "./lot-graph.ts";
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
  graph.forEachEdge((_edge, attributes, source, target, sourceAttributes, targetAttributes) => {
    if (!sourceAttributes.responded || !targetAttributes.responded) return;
    const reverse = graph.directedEdge(target, source);
    if (reverse === undefined) {
      oneSided++;
      return;
    }
    if (source > target) return; // each mutual pair once
    const back = graph.getEdgeAttributes(reverse);
    differences.push(Math.abs(attributes.weight - back.weight));
    overlaps.push(jaccard(new Set(formsOf(attributes.tieForms)), new Set(formsOf(back.tieForms))));
  });
  return {
    pairs: differences.length,
    meanAbsDifference: mean(differences),
    meanFormJaccard: mean(overlaps),
    oneSided,
  };
}
