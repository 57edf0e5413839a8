import type { UndirectedGraph } from "graphology";
import { connectedComponents } from "./components.ts";
import type { CoordinatorFigures, NodeFigures } from "./metrics-schema.ts";

const pairs = (k: number): number => (k * (k - 1)) / 2;

/**
 * 1-based competition rank ("1224") of `value` among `values`, highest first:
 * one plus the number of strictly higher values, so ties share the best rank.
 */
export function competitionRank(value: number, values: number[]): number {
  return 1 + values.filter((v) => v > value).length;
}

/**
 * Share of the pairs of nodes other than `hub` that are connected in `graph` but
 * not once `hub` is removed: 1 for a star around it, 0 when nothing hangs on it;
 * null with fewer than two other nodes.
 */
export function dependency(graph: UndirectedGraph, hub: string): number | null {
  const others = graph.order - 1;
  if (others < 2) return null;
  const connected = connectedComponents(graph).reduce(
    (sum, component) => sum + pairs(component.length - (component.includes(hub) ? 1 : 0)),
    0,
  );
  const connectedWithout = connectedComponents(graph, hub).reduce((sum, c) => sum + pairs(c.length), 0);
  return (connected - connectedWithout) / pairs(others);
}

/**
 * The coordinator's share S of the summed strengths, and the dominance index
 * (S - 1/n) / (1 - 1/n); each null when undefined (sum 0, n < 2).
 */
function strengthShare(strengths: number[], index: number): { share: number | null; dominance: number | null } {
  const n = strengths.length;
  const total = strengths.reduce((sum, s) => sum + s, 0);
  const share = total === 0 ? null : strengths[index]! / total;
  return { share, dominance: n < 2 || share === null ? null : (share - 1 / n) / (1 - 1 / n) };
}

/**
 * How central the coordinator is (docs/metrics.md, coordinator figures), from the
 * node figures and U; null when the lot has no active coordinator. The desired
 * share and dominance are null when the nodes carry no desiredInStrength.
 */
export function coordinatorFigures(nodes: NodeFigures[], u: UndirectedGraph): CoordinatorFigures | null {
  const index = nodes.findIndex((node) => node.role === "coordinator");
  if (index < 0) return null;
  const coordinator = nodes[index]!;
  const strengths = nodes.map((node) => node.inStrength);
  const current = strengthShare(strengths, index);
  const desiredStrengths = nodes.map((node) => node.desiredInStrength);
  const desired = desiredStrengths.every((s) => s !== null) ? strengthShare(desiredStrengths, index) : null;
  const rank = competitionRank(coordinator.inStrength, strengths);
  return {
    id: coordinator.id,
    inStrengthShare: current.share,
    dominanceIndex: current.dominance,
    rank,
    top: rank === 1,
    dependency: dependency(u, coordinator.id),
    desiredInStrengthShare: desired?.share ?? null,
    desiredDominanceIndex: desired?.dominance ?? null,
  };
}
