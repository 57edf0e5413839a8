import { z } from "zod";
import { edgesCsv, nodesCsv } from "./csv.ts";
import { toGexf } from "./gexf.ts";
import { toGraphml } from "./graphml.ts";
import type { NetworkGraph } from "./lot-network.ts";

export const NetworkFormatSchema = z.enum(["gexf", "graphml", "csv-nodes", "csv-edges"]);
export type NetworkFormat = z.infer<typeof NetworkFormatSchema>;

const FORMATS: Record<NetworkFormat, { write: (g: NetworkGraph) => string; type: string; suffix: string }> = {
  gexf: { write: toGexf, type: "application/gexf+xml; charset=utf-8", suffix: ".gexf" },
  graphml: { write: toGraphml, type: "application/graphml+xml; charset=utf-8", suffix: ".graphml" },
  "csv-nodes": { write: nodesCsv, type: "text/csv; charset=utf-8", suffix: "-nodes.csv" },
  "csv-edges": { write: edgesCsv, type: "text/csv; charset=utf-8", suffix: "-edges.csv" },
};

/** A network written in one format, with the file name it downloads as (named for what it holds). */
export function networkFile(graph: NetworkGraph, format: NetworkFormat): { body: string; type: string; filename: string } {
  const a = graph.getAttributes();
  const { write, type, suffix } = FORMATS[format];
  const filename = [a.lot ?? a.call, a.wave, a.layer, a.missing].join("_") + suffix;
  return { body: write(graph), type, filename };
}
