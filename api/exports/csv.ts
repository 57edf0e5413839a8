import { csvTextCell } from "./csv-cell.ts";
import type { NetworkGraph } from "./lot-network.ts";
import { EDGE_COLUMNS, NODE_COLUMNS, edgeRows, nodeRows, type Column } from "./network-attributes.ts";

/** One CSV field: numbers and booleans as they are, text quoted and defused (csv-cell.ts). */
function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? csvTextCell(value) : String(value);
}

/** A CSV file: the header line, then one line per row in the named columns' order. */
export function csvFile(names: readonly string[], rows: Array<Record<string, unknown>>): string {
  return [names.map(csvTextCell).join(","), ...rows.map((r) => names.map((c) => field(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** Columns in the definitions' fixed order, so files of different lots and waves line up. */
function table(columns: readonly Column[], rows: Array<Record<string, unknown>>): string {
  return csvFile(columns.map((c) => c.name), rows);
}

/** Every node with all its figures; empty cells where a figure is undefined (docs/metrics.md's null). */
export function nodesCsv(graph: NetworkGraph): string {
  return table(NODE_COLUMNS, nodeRows(graph));
}

/** Every arc (and crossing tie) with its forms' scores. */
export function edgesCsv(graph: NetworkGraph): string {
  return table(EDGE_COLUMNS, edgeRows(graph));
}
