import { CHANNELS, type Channel, isFormalChannel } from "../schema/channels.ts";
import type { LotData } from "./lot-data.ts";
import type { LotGraph } from "./lot-graph.ts";
import type { ChannelFigures } from "./metrics-schema.ts";

/**
 * How the collaborations are organised (docs/metrics.md, "Channels"). Over the arcs
 * u -> v of the layer's graph with u in R whose tie lists at least one channel
 * (`answered` of them): `share.<channel>` = the share of them listing that channel,
 * `formalShare` = the share listing at least one formal channel (steering group,
 * learning network), `informalOnlyShare` = the share listing only informal ones.
 * Shares are null when `answered` is 0.
 */
export function channelFigures(graph: LotGraph, circles: LotData["circles"]): ChannelFigures {
  const answered: Channel[][] = [];
  for (const { respondent: u, ties } of circles) {
    if (!graph.hasNode(u) || !graph.getNodeAttribute(u, "responded")) continue;
    for (const tie of ties) {
      if (tie.channels !== undefined && tie.channels.length > 0 && tie.partner !== u && graph.hasDirectedEdge(u, tie.partner)) {
        answered.push(tie.channels);
      }
    }
  }
  const shareOf = (test: (channels: Channel[]) => boolean) =>
    answered.length === 0 ? null : answered.filter(test).length / answered.length;
  return {
    answered: answered.length,
    share: Object.fromEntries(CHANNELS.map((c) => [c, shareOf((cs) => cs.includes(c))])) as ChannelFigures["share"],
    formalShare: shareOf((cs) => cs.some((c) => isFormalChannel(c))),
    informalOnlyShare: shareOf((cs) => !cs.some((c) => isFormalChannel(c))),
  };
}
