import { DirectedGraph, type UndirectedGraph } from "graphology";
import { type Forms } from "../schema/call-document.ts";
import { formsOf } from "../schema/forms.ts";
import type { LotData } from "./lot-data.ts";
import type { Layer, MissingMode } from "./metrics-schema.ts";
import { undirectedSimple } from "./undirected.ts";

export interface LotNodeAttributes {
  name: string;
  initials: string;
  role: "coordinator" | "partner";
  /** In R: submitted a circle in this wave. */
  responded: boolean;
  size?: "small" | "large";
  sector?: string;
  /** Ties in this node's circle to organisations that are not members of the lot; null without a circle. */
  crossings: number | null;
}

export interface LotArcAttributes {
  /** The forms of the tie that the layer keeps. */
  forms: Forms;
  /** Every form of the tie, whatever the layer (depth of collaboration needs them). */
  tieForms: Forms;
  /** Highest score among the kept forms. */
  weight: number;
  /** Added by reconstruct mode, not reported by its source. */
  reconstructed: boolean;
}

export type LotGraph = DirectedGraph<LotNodeAttributes, LotArcAttributes>;

/** An arc's key; ids cannot contain ">", so the key names its ends unambiguously. */
export const arcKey = (from: string, to: string): string => `${from}->${to}`;

/** The forms of `forms` that `layer` keeps: all of them, or the one it names. */
export function keptForms(forms: Forms, layer: Layer): Forms {
  if (layer === "all") return forms;
  const score = forms[layer];
  return score === undefined ? {} : { [layer]: score };
}

/** An arc's weight: the highest score among the forms it keeps (-Infinity for none, which is no arc). */
export const arcWeight = (forms: Forms): number => Math.max(...formsOf(forms).map((f) => forms[f]!));

/**
 * The lot graph of docs/metrics.md for one lot, wave, layer and missing-data mode.
 * Nodes are the active members in member order; an arc u -> v exists for every
 * tie in u's circle to another active member that the layer keeps. Ties to
 * inactive members of the lot are dropped without counting as crossings: they
 * stay inside the partnership, they just do not take part in this wave.
 */
export function buildLotGraph(data: LotData, layer: Layer, missing: MissingMode): LotGraph {
  const graph: LotGraph = new DirectedGraph();
  const circles = new Map(data.circles.map((c) => [c.respondent, c.ties]));
  const members = new Set(data.members.map((m) => m.id));

  for (const m of data.members) {
    if (!m.active) continue;
    const ties = circles.get(m.id);
    graph.addNode(m.id, {
      name: m.name,
      initials: m.initials,
      role: m.role,
      responded: ties !== undefined,
      ...(m.size === undefined ? {} : { size: m.size }),
      ...(m.sector === undefined ? {} : { sector: m.sector }),
      // A tie without forms (only a wish) is not a crossing.
      crossings: ties === undefined ? null : ties.filter((t) => !members.has(t.partner) && formsOf(t.forms).length > 0).length,
    });
  }

  graph.forEachNode((u) => {
    for (const tie of circles.get(u) ?? []) {
      const v = tie.partner;
      // Validation forbids a second tie to one partner; should one slip through, the first counts.
      if (v === u || !graph.hasNode(v) || graph.hasEdge(u, v)) continue;
      const forms = keptForms(tie.forms, layer);
      if (formsOf(forms).length === 0) continue;
      graph.addDirectedEdgeWithKey(arcKey(u, v), u, v, { forms, tieForms: tie.forms, weight: arcWeight(forms), reconstructed: false });
    }
  });

  if (missing === "reconstruct") {
    // A non-respondent has no circle, hence no arcs of its own: every arc into it gets its mirror.
    const mirrored = graph.filterEdges((_edge, _attributes, _source, _target, _sourceAttributes, targetAttributes) => !targetAttributes.responded);
    for (const arc of mirrored) {
      const [u, v] = graph.extremities(arc);
      graph.addDirectedEdgeWithKey(arcKey(v, u), v, u, { ...graph.getEdgeAttributes(arc), reconstructed: true });
    }
  }
  return graph;
}

export interface LotGraphs {
  /** The lot graph in the layer asked for. */
  graph: LotGraph;
  /** Its U. */
  u: UndirectedGraph;
  /** The `all` layer graph of the same lot, wave and mode (form mix and depth). */
  all: LotGraph;
}

/** The graphs the figures of one lot, wave, layer and mode are computed on. */
export function lotGraphs(data: LotData, layer: Layer, missing: MissingMode): LotGraphs {
  const graph = buildLotGraph(data, layer, missing);
  return {
    graph,
    u: undirectedSimple(graph),
    all: layer === "all" ? graph : buildLotGraph(data, "all", missing),
  };
}
