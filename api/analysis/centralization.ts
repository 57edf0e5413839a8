import type { UndirectedGraph } from "graphology";

/**
 * Freeman degree centralization of an undirected simple graph: the sum over nodes
 * of (dmax - d(v)), divided by its value for a star, (n-1)(n-2). 1 for a star,
 * 0 when all degrees are equal; null when n < 3 (no star to compare with).
 */
export function degreeCentralization(graph: UndirectedGraph): number | null {
  const n = graph.order;
  if (n < 3) return null;
  const degrees = graph.mapNodes((node) => graph.degree(node));
  const max = Math.max(...degrees);
  return degrees.reduce((sum, d) => sum + (max - d), 0) / ((n - 1) * (n - 2));
}
