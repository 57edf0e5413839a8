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
 * How central the coordinator is (metrics.md, coordinator figures), from the
 * node figures and U; null when the lot has no active coordinator.
 */
export function coordinatorFigures(nodes: NodeFigures[], u: UndirectedGraph): CoordinatorFigures | null {
  const coordinator = nodes.find((node) => node.role === "coordinator");
  if (coordinator === undefined) return null;
  const n = nodes.length;
  const strengths = nodes.map((node) => node.inStrength);
  const total = strengths.reduce((sum, s) => sum + s, 0);
  const share = total === 0 ? null : coordinator.inStrength / total;
  const rank = competitionRank(coordinator.inStrength, strengths);
  return {
    id: coordinator.id,
    inStrengthShare: share,
    dominanceIndex: n < 2 || share === null ? null : (share - 1 / n) / (1 - 1 / n),
    rank,
    top: rank === 1,
    dependency: dependency(u, coordinator.id),
  };
}
