import { csvTextCell } from "./csv-cell.ts";
import type { NetworkGraph } from "./lot-network.ts";
import { ARC_ATTRIBUTES, NODE_ATTRIBUTES } from "./network-attributes.ts";

/** Columns in the definitions' fixed order, so files of different lots and waves line up. */
const NODE_COLUMNS = ["id", ...Object.keys(NODE_ATTRIBUTES)];
const EDGE_COLUMNS = ["from", "to", ...Object.keys(ARC_ATTRIBUTES)];

/** One CSV field: numbers and booleans as they are, text quoted and defused (csv-cell.ts). */
function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? csvTextCell(value) : String(value);
}

function table(columns: readonly string[], rows: Array<Record<string, unknown>>): string {
  return [columns.map(csvTextCell).join(","), ...rows.map((r) => columns.map((c) => field(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** Every node with all its figures; empty cells where a figure is undefined (metrics.md's null). */
export function nodesCsv(graph: NetworkGraph): string {
  return table(NODE_COLUMNS, graph.mapNodes((id, a) => ({ id, ...a })));
}

/** Every arc (and crossing tie) with its forms' scores. */
export function edgesCsv(graph: NetworkGraph): string {
  return table(EDGE_COLUMNS, graph.mapEdges((_key, a, from, to) => ({ from, to, ...a })));
}
