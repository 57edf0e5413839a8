import { write } from "graphology-gexf";
import type { NetworkArc, NetworkGraph, NetworkNode } from "./lot-network.ts";
import { FORM_COLOURS, arcThickness, nodeColour, nodeSize } from "./picture-scale.ts";

/**
 * GEXF 1.3 (Gephi 0.10 and later) through graphology-gexf's writer: every figure
 * as a node or edge attribute, and the page's positions, sizes and colours as viz
 * data so the file opens looking like the lot page.
 */
export function toGexf(graph: NetworkGraph): string {
  return write<NetworkNode, NetworkArc>(graph, {
    version: "1.3",
    formatNode: (_key, { label, x, y, ...attributes }) => ({
      label,
      attributes,
      viz: { x, y, size: nodeSize(attributes.inStrength), color: nodeColour(attributes) },
    }),
    formatEdge: (_key, { weight, ...attributes }) => ({
      weight,
      attributes,
      viz: { color: FORM_COLOURS[attributes.deepest], thickness: arcThickness(weight) },
    }),
  });
}
