import { DirectedGraph } from "graphology";
import type { LotData } from "../analysis/lot-data.ts";
import { desiredArcs, highestKept } from "../analysis/desired-situation.ts";
import { desiredChange } from "../schema/desired-change.ts";
import { arcKey, arcWeight, buildLotGraph, keptForms } from "../analysis/lot-graph.ts";
import { formsOf } from "../schema/forms.ts";
import type { Layer, MissingMode, NodeFigures } from "../analysis/metrics-schema.ts";
import { lotLayout, outsideRing, ring, sideBySide, type Positions } from "../layout/lot-layout.ts";
import { lotData } from "../metrics/lot-data-source.ts";
import type { MetricsService } from "../metrics/metrics-service.ts";
import { initialsOf, type Form, type Forms, type Tie, type WaveAsks } from "../schema/call-document.ts";
import { CHANNELS, type Channel } from "../schema/channels.ts";
import type { DesiredChange } from "../schema/desired-change.ts";
import type { Store } from "../store/store.ts";

/**
 * A lot's network as it is drawn and exported: the lot graph of docs/metrics.md with
 * every node's figures and its position, optionally with the ties to
 * organisations outside the lot. The lot page draws it, and the GEXF, GraphML and
 * CSV exports write it, so a file and the picture always agree.
 */

type Figures = Omit<NodeFigures, "id" | "name" | "role" | "responded">;

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

/** The attribute that holds the desired score of each form. */
export const DESIRED_FORM_ATTRIBUTES = { information: "desiredInformation", support: "desiredSupport", cocreation: "desiredCocreation" } as const satisfies Record<Form, string>;
/** The attribute that says whether a tie lists each channel. */
export const CHANNEL_ATTRIBUTES = {
  "steering-group": "channelSteeringGroup",
  "learning-network": "channelLearningNetwork",
  email: "channelEmail",
  phone: "channelPhone",
  "chance-meeting": "channelChanceMeeting",
} as const satisfies Record<Channel, string>;

/**
 * A respondent's answers about the tie beyond its forms, when the wave asks them
 * (call-format.md): the desired scores of the forms the layer keeps, and which
 * channels the tie lists.
 */
export type TieAnswers = Partial<Record<(typeof DESIRED_FORM_ATTRIBUTES)[Form], number>> &
  Partial<Record<(typeof CHANNEL_ATTRIBUTES)[Channel], boolean>> & {
    /** d: the highest desired score the layer keeps, 0 for none (docs/metrics.md, "Desired situation"). */
    desiredWeight?: number;
    /** From the current weight to d (desired-change.ts). */
    desiredChange?: DesiredChange;
  };

export interface NetworkArc extends ArcForms, TieAnswers {
  /** The highest kept score; 0 for a collaboration only wished for, which is no arc of the lot graph. */
  weight: number;
  /** The deepest kept form: information < support < cocreation; absent for a wish without forms. */
  deepest?: Form;
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

/**
 * The tie's answers to the wave's further questions, for an edge of current weight `c`:
 * desired scores and the change (every tie of a respondent has them when the wave asks
 * `desired`; a tie without `desired` wants nothing, as in the figures), and the channels
 * when the tie lists any.
 */
function tieAnswers(tie: Tie, c: number, layer: Layer, asks: WaveAsks | undefined): TieAnswers {
  const answers: TieAnswers = {};
  if (asks?.desired) {
    const wish = keptForms(tie.desired ?? {}, layer);
    for (const f of formsOf(wish)) answers[DESIRED_FORM_ATTRIBUTES[f]] = wish[f];
    const d = highestKept(wish, layer);
    answers.desiredWeight = d;
    answers.desiredChange = desiredChange(c, d);
  }
  if (asks?.channels && tie.channels !== undefined && tie.channels.length > 0) {
    for (const channel of CHANNELS) answers[CHANNEL_ATTRIBUTES[channel]] = tie.channels.includes(channel);
  }
  return answers;
}

/** Ties from the lot's active members to organisations that are not members of the lot, in a layer, with their answers. */
function crossingTies(data: LotData, layer: Layer) {
  const members = new Set(data.members.map((m) => m.id));
  const active = new Set(data.members.filter((m) => m.active).map((m) => m.id));
  return data.circles
    .filter((c) => active.has(c.respondent))
    .flatMap((c) =>
      c.ties
        .filter((t) => !members.has(t.partner))
        .map((t) => ({ from: c.respondent, to: t.partner, forms: keptForms(t.forms, layer), tie: t }))
        .filter((t) => formsOf(t.forms).length > 0)
        .map(({ from, to, forms, tie }) => {
          const weight = arcWeight(forms);
          return { from, to, arc: { ...arcOf(forms, weight, false, true), ...tieAnswers(tie, weight, layer, data.asks) } };
        }),
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
    const { id: _id, name: _name, role: _role, responded: _responded, desiredInStrength, ...nodeFigures } = figures.get(node)!;
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
      // Only when the wave asks for it: a null would declare an attribute no file needs.
      ...(desiredInStrength !== null && { desiredInStrength }),
    });
  });
  // Each respondent's ties, for the answers beyond the forms that its arcs carry.
  const ties = new Map(data.circles.flatMap((c) => c.ties.map((t) => [arcKey(c.respondent, t.partner), t] as const)));
  const answersOf = (edge: string, c: number) => (ties.has(edge) ? tieAnswers(ties.get(edge)!, c, view.layer, data.asks) : {});
  lotGraph.forEachEdge((edge, attributes, source, target) => {
    const arc = arcOf(attributes.forms, attributes.weight, attributes.reconstructed, false);
    graph.addDirectedEdgeWithKey(edge, source, target, attributes.reconstructed ? arc : { ...arc, ...answersOf(edge, arc.weight) });
  });
  // The collaborations wished for that do not exist yet: edges of weight 0, so that the
  // files (and the lot page's desired view) hold the whole desired network.
  if (data.asks?.desired) {
    for (const { from, to } of desiredArcs(lotGraph, data.circles, view.layer).values()) {
      const edge = arcKey(from, to);
      if (!graph.hasEdge(edge)) graph.addDirectedEdgeWithKey(edge, from, to, { weight: 0, reconstructed: false, crossing: false, ...answersOf(edge, 0) });
    }
  }

  if (view.outside) {
    // The ring is laid out over every wave's crossings, so outsiders keep their place too.
    const ringPositions = outsideRing(positions, everyWave.flatMap((d) => crossingTies(d, "all")));
    const outsider = outsiderOf(store, call.id);
    for (const t of crossingTies(data, view.layer)) {
      if (!graph.hasNode(t.to)) graph.addNode(t.to, outsider(t.to, ringPositions.get(t.to)!));
      graph.addDirectedEdgeWithKey(arcKey(t.from, t.to), t.from, t.to, t.arc);
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
  for (const t of crossings) graph.addDirectedEdgeWithKey(arcKey(t.from, t.to), t.from, t.to, t.arc);
  return graph;
}
