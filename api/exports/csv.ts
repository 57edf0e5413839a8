import type { NetworkGraph } from "./lot-network.ts";

/** Columns in a fixed order, so files of different lots and waves line up. */
const NODE_COLUMNS = [
  "id", "label", "name", "initials", "lot", "role", "responded", "sector", "organisationSize",
  "inDegree", "outDegree", "inStrength", "outStrength", "betweenness", "closeness", "pagerank",
  "constraint", "effectiveSize", "crossings", "x", "y",
] as const;
const EDGE_COLUMNS = ["from", "to", "weight", "information", "support", "cocreation", "deepest", "reconstructed", "crossing"] as const;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula gets a
 * leading apostrophe: organisation names come from call documents, not from us.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function table(columns: readonly string[], rows: Array<Record<string, unknown>>): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => field(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** Every node with all its figures; empty cells where a figure is undefined (metrics.md's null). */
export function nodesCsv(graph: NetworkGraph): string {
  return table(NODE_COLUMNS, graph.mapNodes((id, a) => ({ id, ...a })));
}

/** Every arc (and crossing tie) with its forms' scores. */
export function edgesCsv(graph: NetworkGraph): string {
  return table(EDGE_COLUMNS, graph.mapEdges((_key, a, from, to) => ({ from, to, ...a })));
}
