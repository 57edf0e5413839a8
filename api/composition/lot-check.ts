import type { UndirectedGraph } from "graphology";
import { undirectedDensity } from "graphology-metrics/graph/density.js";
import type { Organisation } from "../schema/call-document.ts";
import type { LotFigures } from "./composition-schema.ts";
import type { ProposedLot } from "../schema/proposals.ts";
import { priorTiesAmong } from "./history-graph.ts";
import { type WishBook, wishCounts } from "./next-partner-wishes.ts";

/**
 * The figures of one proposed lot against the history H ("Composition check" in
 * docs/metrics.md). The lot has passed the composition rules: at least one member, no
 * member twice, a coordinator (if any) among the members, every id known.
 */
export function checkLot(
  lot: ProposedLot,
  h: UndirectedGraph,
  organisations: ReadonlyMap<string, Organisation>,
  wishes: WishBook,
): LotFigures {
  const members = lot.members;
  const k = members.length;
  const priorTies = priorTiesAmong(h, members);
  const priorDegrees: Record<string, number> = Object.fromEntries(members.map((m) => [m, 0]));
  for (const [a, b] of priorTies) {
    priorDegrees[a]! += 1;
    priorDegrees[b]! += 1;
  }
  const coordinator = lot.coordinator ?? null;
  // Highest degree wins; among equals the alphabetically first id.
  const hub = [...members].sort((a, b) => priorDegrees[b]! - priorDegrees[a]! || (a < b ? -1 : a > b ? 1 : 0))[0]!;
  const sectors: string[] = [];
  for (const m of members) {
    const sector = organisations.get(m)?.sector;
    if (sector !== undefined && !sectors.includes(sector)) sectors.push(sector);
  }
  return {
    name: lot.name,
    coordinator,
    members: [...members],
    size: k,
    priorDensity: k < 2 ? null : undirectedDensity(k, priorTies.length),
    newcomers: members.filter((m) => priorDegrees[m] === 0),
    coordinatorPriorDegree: coordinator === null ? null : priorDegrees[coordinator]!,
    hub,
    smallFunds: members.filter((m) => organisations.get(m)?.size === "small"),
    sectors,
    priorDegrees,
    priorTies,
    wishes: wishCounts(wishes, members),
  };
}
