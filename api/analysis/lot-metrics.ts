import { agreement } from "./agreement.ts";
import { channelFigures } from "./channels.ts";
import { coordinatorFigures } from "./coordinator.ts";
import { desiredSituation } from "./desired-situation.ts";
import type { LotData } from "./lot-data.ts";
import { lotGraphs } from "./lot-graph.ts";
import type { Layer, LotMetrics, MissingMode } from "./metrics-schema.ts";
import { networkFigures } from "./network-figures.ts";
import { nodeFigures } from "./node-figures.ts";

/** Every figure of docs/metrics.md for one lot and wave, in one layer and missing-data mode. */
export function lotMetrics(data: LotData, layer: Layer, missing: MissingMode = "observed"): LotMetrics {
  const graphs = lotGraphs(data, layer, missing);
  const { graph, u } = graphs;
  const desired = data.asks?.desired ? desiredSituation(graph, data.circles, layer) : null;
  const nodes = nodeFigures(graph, u).map((node) => ({ ...node, desiredInStrength: desired?.inStrength.get(node.id) ?? null }));
  return {
    network: networkFigures(graphs),
    nodes,
    coordinator: coordinatorFigures(nodes, u),
    agreement: agreement(graph),
    desired: desired?.figures ?? null,
    channels: data.asks?.channels ? channelFigures(graph, data.circles) : null,
  };
}
