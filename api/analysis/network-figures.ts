import { directedDensity } from "graphology-metrics/graph/density.js";
import { degreeCentralization } from "./centralization.ts";
import { collaborationForms } from "./collaboration-forms.ts";
import { connectedComponents } from "./components.ts";
import type { LotGraphs } from "./lot-graph.ts";
import type { NetworkFigures } from "./metrics-schema.ts";
import { reciprocity } from "./reciprocity.ts";

/** The network figures of docs/metrics.md; the form mix and depth come from the `all` layer graph. */
export function networkFigures({ graph, u, all }: LotGraphs): NetworkFigures {
  const n = graph.order;
  const m = graph.size;
  const respondents = graph.filterNodes((_node, attributes) => attributes.responded).length;
  // Arcs a respondent reported: reconstructed arcs start at a non-respondent and are left out,
  // so that observed density is the same in both missing modes and never above 1.
  const reported = graph.filterEdges((_edge, _attributes, _source, _target, sourceAttributes) => sourceAttributes.responded).length;
  const weights = graph.mapEdges((_edge, attributes) => attributes.weight);
  return {
    n,
    m,
    respondents,
    responseRate: n === 0 ? null : respondents / n,
    // graphology-metrics' directed density is m / (n(n-1)), the definition.
    density: n < 2 ? null : directedDensity(graph),
    observedDensity: n < 2 || respondents === 0 ? null : reported / (respondents * (n - 1)),
    reciprocity: reciprocity(graph),
    meanContribution: m === 0 ? null : weights.reduce((s, w) => s + w, 0) / m,
    components: connectedComponents(u).length,
    degreeCentralization: degreeCentralization(u),
    ...collaborationForms(all),
  };
}
