import writeXlsxFile, { type Cell, type Row } from "write-excel-file/node";
import type { Column, ValueType } from "./network-attributes.ts";

/**
 * Spreadsheets (.xlsx) for Excel, whose Dutch and Belgian settings read a CSV
 * with commas as one column: one sheet per table, a bold header row kept in
 * view, and every cell typed from its column's definition (numbers as numbers,
 * yes/no as booleans, text as text: never a formula). An undefined figure
 * (docs/metrics.md's null) is an empty cell. Written by write-excel-file.
 */

export interface Table {
  sheet: string;
  columns: readonly Column[];
  rows: ReadonlyArray<Record<string, unknown>>;
}

const CELL_TYPES = { string: String, integer: Number, double: Number, boolean: Boolean } as const;

function cell(value: unknown, type: ValueType): Cell {
  if (value === null || value === undefined) return null;
  const typed = type === "string" ? String(value) : value;
  return { value: typed as string | number | boolean, type: CELL_TYPES[type] as never };
}

/** The workbook of the tables, as the bytes of an .xlsx file. */
export async function workbook(tables: readonly Table[]): Promise<Buffer> {
  return writeXlsxFile(
    tables.map(({ sheet, columns, rows }) => ({
      sheet,
      stickyRowsCount: 1,
      columns: columns.map((c) => ({ width: Math.max(10, c.name.length + 2) })),
      data: [
        columns.map((c): Cell => ({ value: c.name, type: String, fontWeight: "bold" })),
        ...rows.map((r): Row => columns.map((c) => cell(r[c.name], c.type))),
      ],
    })),
  ).toBuffer();
}
