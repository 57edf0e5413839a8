import { agreement } from "./agreement.ts";
import { coordinatorFigures } from "./coordinator.ts";
import type { LotData } from "./lot-data.ts";
import { lotGraphs } from "./lot-graph.ts";
import type { Layer, LotMetrics, MissingMode } from "./metrics-schema.ts";
import { networkFigures } from "./network-figures.ts";
import { nodeFigures } from "./node-figures.ts";

/** Every figure of metrics.md for one lot and wave, in one layer and missing-data mode. */
export function lotMetrics(data: LotData, layer: Layer, missing: MissingMode = "observed"): LotMetrics {
  const graphs = lotGraphs(data, layer, missing);
  const { graph, u } = graphs;
  const nodes = nodeFigures(graph, u);
  return {
    network: networkFigures(graphs),
    nodes,
    coordinator: coordinatorFigures(nodes, u),
    agreement: agreement(graph),
  };
}
