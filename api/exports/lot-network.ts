import { DirectedGraph } from "graphology";
import type { LotData } from "../analysis/lot-data.ts";
import { arcKey, arcWeight, buildLotGraph, formsOf, keptForms } from "../analysis/lot-graph.ts";
import type { Layer, MissingMode, NodeFigures } from "../analysis/metrics-schema.ts";
import { lotLayout, outsideRing, ring, sideBySide, type Positions } from "../layout/lot-layout.ts";
import { lotData } from "../metrics/lot-data-source.ts";
import type { MetricsService } from "../metrics/metrics-service.ts";
import { initialsOf, type Form, type Forms } from "../schema/call-document.ts";
import type { Store } from "../store/store.ts";

/**
 * A lot's network as it is drawn and exported: the lot graph of metrics.md with
 * every node's figures and its position, optionally with the ties to
 * organisations outside the lot. The lot page draws it, and the GEXF, GraphML and
 * CSV exports write it, so a file and the picture always agree.
 */

// The desired situation is not exported yet: files carry the current network only.
type Figures = Omit<NodeFigures, "id" | "name" | "role" | "responded" | "desiredInStrength">;

export interface NetworkNode extends Partial<Figures> {
  label: string;
  name?: string;
  initials?: string;
  sector?: string;
  /** The organisation's size class; not called `size`, which drawing tools read as a radius. */
  organisationSize?: "small" | "large";
  /** `outside`: not a node of the lot graph, drawn only with the ties that cross the lot's border. Absent when pseudonymised. */
  role?: "coordinator" | "partner" | "outside";
  /** The lot the organisation belongs to; null for an organisation in no lot. */
  lot: string | null;
  /** In R; null for an organisation outside the lot. */
  responded: boolean | null;
  /** Position in the lot picture; absent when pseudonymised (a layout may follow the call's order). */
  x?: number;
  y?: number;
}

/** The forms the layer keeps, each with its score, flattened so every file format can hold them. */
export type ArcForms = Partial<Record<Form, number>>;

export interface NetworkArc extends ArcForms {
  weight: number;
  /** The deepest kept form: information < support < cocreation. */
  deepest: Form;
  reconstructed: boolean;
  /** A tie to an organisation outside the lot; not an arc of the lot graph. */
  crossing: boolean;
}

export interface NetworkAttributes {
  call: string;
  callName: string;
  /** The lot, or null for the whole call. */
  lot: string | null;
  lotName?: string;
  wave: string;
  waveName: string;
  layer: Layer;
  missing: MissingMode;
}

export type NetworkGraph = DirectedGraph<NetworkNode, NetworkArc, NetworkAttributes>;

export interface NetworkView {
  layer: Layer;
  missing: MissingMode;
  /** Add the ties to organisations outside the lot. */
  outside: boolean;
}

/** An arc of the drawing and the files from the forms the layer keeps and the weight the lot graph gives them. */
const arcOf = (forms: Forms, weight: number, reconstructed: boolean, crossing: boolean): NetworkArc => ({
  ...forms,
  weight,
  deepest: formsOf(forms).at(-1)!,
  reconstructed,
  crossing,
});

/** Ties from the lot's active members to organisations that are not members of the lot, in a layer. */
function crossingTies(data: LotData, layer: Layer) {
  const members = new Set(data.members.map((m) => m.id));
  const active = new Set(data.members.filter((m) => m.active).map((m) => m.id));
  return data.circles
    .filter((c) => active.has(c.respondent))
    .flatMap((c) =>
      c.ties
        .filter((t) => !members.has(t.partner))
        .map((t) => ({ from: c.respondent, to: t.partner, forms: keptForms(t.forms, layer) }))
        .filter((t) => formsOf(t.forms).length > 0),
    );
}

/** Who an organisation of the call is, for a node outside the lot. */
function outsiderOf(store: Store, callId: string) {
  const organisations = new Map(store.calls.organisations(callId).map((o) => [o.id, o]));
  const lotOf = new Map(store.calls.callMembers(callId).map((m) => [m.organisation, m.lot]));
  return (id: string, position: { x: number; y: number }): NetworkNode => {
    const o = organisations.get(id)!;
    return {
      label: o.name,
      name: o.name,
      initials: o.initials ?? initialsOf(o.name),
      ...(o.sector !== undefined && { sector: o.sector }),
      ...(o.size !== undefined && { organisationSize: o.size }),
      role: "outside",
      lot: lotOf.get(id) ?? null,
      responded: null,
      ...position,
    };
  };
}

/** The lot's network in one wave and view; positions are shared by every wave, layer and mode of the lot. */
export function lotNetwork(store: Store, metrics: MetricsService, lotId: string, waveId: string, view: NetworkView): NetworkGraph {
  const lot = store.calls.lot(lotId)!;
  const call = store.calls.call(lot.callId)!;
  const waves = store.calls.waves(lot.callId);
  const everyWave = waves.map((w) => lotData(store, lotId, w.id));
  const data = everyWave[waves.findIndex((w) => w.id === waveId)]!;
  const positions = lotLayout(everyWave);
  const figures = new Map(metrics.lot(lotId, waveId, view.layer, view.missing).nodes.map((n) => [n.id, n]));

  const graph: NetworkGraph = new DirectedGraph();
  graph.replaceAttributes({
    call: call.id,
    callName: call.name,
    lot: lot.id,
    lotName: lot.name,
    wave: data.wave.id,
    waveName: data.wave.name,
    layer: view.layer,
    missing: view.missing,
  });
  const lotGraph = buildLotGraph(data, view.layer, view.missing);
  lotGraph.forEachNode((node, a) => {
    const { id: _id, name: _name, role: _role, responded: _responded, desiredInStrength: _desired, ...nodeFigures } = figures.get(node)!;
    graph.addNode(node, {
      label: a.name,
      name: a.name,
      initials: a.initials,
      ...(a.sector !== undefined && { sector: a.sector }),
      ...(a.size !== undefined && { organisationSize: a.size }),
      role: a.role,
      lot: lot.id,
      responded: a.responded,
      ...positions.get(node)!,
      ...nodeFigures,
    });
  });
  lotGraph.forEachEdge((edge, attributes, source, target) =>
    graph.addDirectedEdgeWithKey(edge, source, target, arcOf(attributes.forms, attributes.weight, attributes.reconstructed, false)),
  );

  if (view.outside) {
    // The ring is laid out over every wave's crossings, so outsiders keep their place too.
    const ringPositions = outsideRing(positions, everyWave.flatMap((d) => crossingTies(d, "all")));
    const outsider = outsiderOf(store, call.id);
    for (const t of crossingTies(data, view.layer)) {
      if (!graph.hasNode(t.to)) graph.addNode(t.to, outsider(t.to, ringPositions.get(t.to)!));
      graph.addDirectedEdgeWithKey(arcKey(t.from, t.to), t.from, t.to, arcOf(t.forms, arcWeight(t.forms), false, true));
    }
  }
  return graph;
}

const positionsOf = (graph: NetworkGraph): Positions =>
  new Map(graph.mapNodes((node, { x, y }) => [node, { x: x ?? 0, y: y ?? 0 }] as const));

/**
 * The whole call in one graph: every lot's network side by side on a grid, each
 * node carrying its lot. With `outside`, the ties between lots join them, and
 * organisations in no lot get a cell of their own.
 */
export function callNetwork(store: Store, metrics: MetricsService, callId: string, waveId: string, view: NetworkView): NetworkGraph {
  const call = store.calls.call(callId)!;
  const wave = store.calls.wave(waveId)!;
  const lots = store.calls.lots(callId).map((l) => lotNetwork(store, metrics, l.id, waveId, { ...view, outside: false }));
  const crossings = view.outside ? store.calls.lots(callId).flatMap((l) => crossingTies(lotData(store, l.id, waveId), view.layer)) : [];
  const inLots = new Set(lots.flatMap((g) => g.nodes()));
  // Organisations in no lot, and inactive members of another lot, which are no node of it.
  const strangers = [...new Set(crossings.map((t) => t.to).filter((id) => !inLots.has(id)))].sort();
  const placed = sideBySide([...lots.map(positionsOf), ring(strangers, 1)]);

  const graph: NetworkGraph = new DirectedGraph();
  graph.replaceAttributes({ call: call.id, callName: call.name, lot: null, wave: wave.id, waveName: wave.name, layer: view.layer, missing: view.missing });
  lots.forEach((lot, i) => {
    lot.forEachNode((node, attributes) => graph.addNode(node, { ...attributes, ...placed[i]!.get(node)! }));
    lot.forEachEdge((edge, attributes, source, target) => graph.addDirectedEdgeWithKey(edge, source, target, attributes));
  });
  const outsider = outsiderOf(store, callId);
  for (const id of strangers) graph.addNode(id, outsider(id, placed.at(-1)!.get(id)!));
  for (const t of crossings) graph.addDirectedEdgeWithKey(arcKey(t.from, t.to), t.from, t.to, arcOf(t.forms, arcWeight(t.forms), false, true));
  return graph;
}
