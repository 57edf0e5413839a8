import { z } from "zod";
import { edgesCsv, nodesCsv } from "./csv.ts";
import { toGexf } from "./gexf.ts";
import { toGraphml } from "./graphml.ts";
import type { NetworkGraph } from "./lot-network.ts";
import { EDGE_COLUMNS, NODE_COLUMNS, edgeRows, nodeRows } from "./network-attributes.ts";
import { XLSX_TYPE } from "../schema/answers.ts";
import { workbook } from "./spreadsheet.ts";

export const NetworkFormatSchema = z.enum(["gexf", "graphml", "csv-nodes", "csv-edges", "xlsx"]);
export type NetworkFormat = z.infer<typeof NetworkFormatSchema>;

/** Nodes and arcs as two sheets of one spreadsheet, with the columns of the CSV files. */
const networkWorkbook = (graph: NetworkGraph) =>
  workbook([
    { sheet: "nodes", columns: NODE_COLUMNS, rows: nodeRows(graph) },
    { sheet: "edges", columns: EDGE_COLUMNS, rows: edgeRows(graph) },
  ]);

const FORMATS: Record<NetworkFormat, { write: (g: NetworkGraph) => string | Promise<Buffer>; type: string; suffix: string }> = {
  gexf: { write: toGexf, type: "application/gexf+xml; charset=utf-8", suffix: ".gexf" },
  graphml: { write: toGraphml, type: "application/graphml+xml; charset=utf-8", suffix: ".graphml" },
  "csv-nodes": { write: nodesCsv, type: "text/csv; charset=utf-8", suffix: "-nodes.csv" },
  "csv-edges": { write: edgesCsv, type: "text/csv; charset=utf-8", suffix: "-edges.csv" },
  xlsx: { write: networkWorkbook, type: XLSX_TYPE, suffix: ".xlsx" },
};

/** A network written in one format, with the file name it downloads as (named for what it holds). */
export async function networkFile(graph: NetworkGraph, format: NetworkFormat): Promise<{ body: string | Buffer; type: string; filename: string }> {
  const a = graph.getAttributes();
  const { write, type, suffix } = FORMATS[format];
  const filename = [a.lot ?? a.call, a.wave, a.layer, a.missing].join("_") + suffix;
  return { body: await write(graph), type, filename };
}
