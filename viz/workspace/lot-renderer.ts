import { DEFAULT_EDGE_CURVATURE, createEdgeCurveProgram } from "@sigma/edge-curve";
import { DirectedGraph } from "graphology";
import type { SerializedGraph } from "graphology-types";
import Sigma from "sigma";
import { DEFAULT_EDGE_ARROW_HEAD_PROGRAM_OPTIONS } from "sigma/rendering";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import type { NetworkArc, NetworkAttributes, NetworkNode } from "../../api/exports/lot-network.ts";
import { arcThickness, nodeColour, nodeSize } from "../../api/exports/picture-scale.ts";
import { DESIRED_COLOURS, FADED, FORM_COLOURS, INK, INK_SOFT, NODE_COLOURS, PAPER } from "../shared/palette.ts";
import { canvasPng } from "./picture-download.ts";

export type NetworkData = SerializedGraph<NetworkNode, NetworkArc, NetworkAttributes>;
type Graph = DirectedGraph<NetworkNode, NetworkArc, NetworkAttributes>;

/**
 * What the arcs show: the current network (coloured by deepest form), or the desired
 * situation (every pair a respondent compared, coloured by how it would change).
 */
export type PictureMode = "current" | "desired";

/** Whether an edge belongs in the picture of `mode`. */
export function drawnIn(mode: PictureMode, a: NetworkArc): boolean {
  // A wish without forms is no current arc; the desired view compares the lot's pairs only.
  return mode === "current" ? a.deepest !== undefined : a.desiredChange !== undefined && !a.crossing;
}

/** What the label layer gets for a node: sigma's display data plus our node's attributes. */
type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & Partial<Pick<NetworkNode, "role" | "responded">> & { faded?: boolean };

/**
 * How far the two arcs of a reciprocal pair bend apart, as a share of their length
 * (sigma's edge-curve measure): drawn straight, the thinner would hide under the
 * thicker. Each bends to its own left, so the pair opens into a lens.
 */
export const RECIPROCAL_CURVATURE = DEFAULT_EDGE_CURVATURE * 0.8;

const LABEL_FONT = '"DejaVu Sans", "Segoe UI", system-ui, sans-serif';
export const LABEL_SIZE = 13;

/**
 * Paler, mixed with white rather than made transparent (sigma's blending turns
 * transparent colours cyan): reconstructed arcs and ties outside the lot are
 * drawn, but quieter than what was reported inside it.
 */
function quiet(hex: string): string {
  const mix = (i: number) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.45 + 255 * 0.55).toString(16).padStart(2, "0");
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

/**
 * The marks that tell roles apart beyond colour: a ring around the coordinator,
 * a dashed outline around a member that did not respond. Drawn on sigma's label
 * layer, which sits above the nodes.
 */
function drawMarks(ctx: CanvasRenderingContext2D, d: LabelData): void {
  const ring = (r: number) => {
    ctx.beginPath();
    ctx.arc(d.x, d.y, r, 0, Math.PI * 2);
    ctx.stroke();
  };
  if (d.role === "coordinator") {
    ctx.strokeStyle = d.faded ? FADED.ink : NODE_COLOURS.coordinator;
    ctx.lineWidth = 2.5;
    ring(d.size + 4);
  }
  if (d.role !== "outside" && d.responded === false) {
    ctx.strokeStyle = d.faded ? FADED.ink : NODE_COLOURS.partner;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([3, 2.5]);
    ring(d.size);
    ctx.setLineDash([]);
  }
}

export interface LabelAnchor {
  x: number;
  y: number;
  align: "left" | "right" | "center";
}

/**
 * Where a node's label goes: on the side facing away from the middle of the
 * picture, so labels fan out around the network instead of lying across it, and
 * those on the right stay inside the frame. `gap` is the node's radius plus its marks.
 */
export function labelAnchor(x: number, y: number, gap: number, width: number, height: number, fontSize: number): LabelAnchor {
  const dx = x - width / 2;
  const dy = y - height / 2;
  if (Math.abs(dx) >= Math.abs(dy) * 0.8) {
    return { x: dx >= 0 ? x + gap + 2 : x - gap - 2, y: y + fontSize / 3, align: dx >= 0 ? "left" : "right" };
  }
  return { x, y: dy > 0 ? y + gap + fontSize : y - gap - 4, align: "center" };
}

export const markGap = (size: number, role: NetworkNode["role"] | undefined) => size + (role === "coordinator" ? 6 : 2);

function labelPlacement(ctx: CanvasRenderingContext2D, d: LabelData): LabelAnchor {
  const ratio = window.devicePixelRatio || 1;
  return labelAnchor(d.x, d.y, markGap(d.size, d.role), ctx.canvas.width / ratio, ctx.canvas.height / ratio, LABEL_SIZE);
}

function drawLabel(ctx: CanvasRenderingContext2D, d: LabelData): void {
  drawMarks(ctx, d);
  if (!d.label) return;
  const p = labelPlacement(ctx, d);
  ctx.font = `${d.role === "coordinator" ? 700 : 500} ${LABEL_SIZE}px ${LABEL_FONT}`;
  ctx.textAlign = p.align;
  ctx.lineJoin = "round";
  ctx.lineWidth = 4;
  ctx.strokeStyle = PAPER;
  ctx.strokeText(d.label, p.x, p.y);
  ctx.fillStyle = d.faded ? FADED.ink : d.role === "outside" ? INK_SOFT : INK;
  ctx.fillText(d.label, p.x, p.y);
  ctx.textAlign = "left";
}

/** The hovered or focused node: a soft halo, then its marks and label as usual. */
function drawHover(ctx: CanvasRenderingContext2D, d: LabelData): void {
  ctx.save();
  ctx.fillStyle = PAPER;
  ctx.shadowBlur = 10;
  ctx.shadowColor = "rgba(0,0,0,0.45)";
  ctx.beginPath();
  ctx.arc(d.x, d.y, d.size + (d.role === "coordinator" ? 6 : 3), 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
  drawLabel(ctx, d);
}

/**
 * A lot network drawn with sigma. The data comes from the API as a graphology
 * serialisation with positions; sizes and colours are given by reducers, and so
 * is the highlight of a node's ties on hover or focus: the graph itself only
 * changes when the view (wave, layer, mode, outside ties) does.
 */
export class LotRenderer {
  readonly graph: Graph = new DirectedGraph();
  readonly sigma: Sigma<NetworkNode, NetworkArc, NetworkAttributes>;
  private focused: string | null = null;
  private neighbours = new Set<string>();
  /** Arcs whose reverse is drawn too. */
  private reciprocal = new Set<string>();
  private mode: PictureMode = "current";

  constructor(container: HTMLElement, onHover: (node: string | null) => void, onClick: (node: string | null) => void) {
    this.sigma = new Sigma<NetworkNode, NetworkArc, NetworkAttributes>(this.graph, container, {
      defaultEdgeType: "arrow",
      edgeProgramClasses: { curved: createEdgeCurveProgram<NetworkNode, NetworkArc, NetworkAttributes>({ arrowHead: DEFAULT_EDGE_ARROW_HEAD_PROGRAM_OPTIONS }) },
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 0,
      zIndex: true,
      stagePadding: 48,
      defaultDrawNodeLabel: drawLabel,
      defaultDrawNodeHover: drawHover,
      nodeReducer: (node, a) => this.nodeLook(node, a),
      edgeReducer: (edge, a) => this.arcLook(edge, a),
    });
    this.sigma.on("enterNode", ({ node }) => onHover(node));
    this.sigma.on("leaveNode", () => onHover(null));
    this.sigma.on("clickNode", ({ node }) => onClick(node));
    this.sigma.on("clickStage", () => onClick(null));
  }

  private nodeLook(node: string, a: NetworkNode): Partial<NodeDisplayData> & Partial<NetworkNode> & { faded?: boolean } {
    const look = { ...a, size: nodeSize(a.inStrength), color: nodeColour(a), forceLabel: true, zIndex: a.role === "outside" ? 0 : 1 };
    if (this.focused === null) return look;
    if (node === this.focused) return { ...look, highlighted: true, zIndex: 2 };
    if (this.neighbours.has(node)) return look;
    return { ...look, color: FADED.node, faded: true, zIndex: 0 };
  }

  private arcLook(edge: string, a: NetworkArc) {
    if (!drawnIn(this.mode, a)) return { ...a, hidden: true };
    const desired = this.mode === "desired";
    const colour = desired ? DESIRED_COLOURS[a.desiredChange!] : FORM_COLOURS[a.deepest!];
    const curved = this.reciprocal.has(edge);
    const look = {
      ...a,
      // The desired view draws a pair as thick as the larger of its two scores, so a dropped tie shows what ends.
      size: arcThickness(desired ? Math.max(a.weight, a.desiredWeight ?? 0) : a.weight),
      color: !desired && (a.crossing || a.reconstructed) ? quiet(colour) : colour,
      zIndex: 1,
      type: curved ? "curved" : "arrow",
      curvature: curved ? RECIPROCAL_CURVATURE : 0,
    };
    if (this.focused === null) return look;
    return this.graph.hasExtremity(edge, this.focused) ? { ...look, color: colour, zIndex: 2 } : { ...look, color: FADED.arc, zIndex: 0 };
  }

  /** Whether an arc is drawn curved, because its reverse is drawn too. */
  isCurved(edge: string): boolean {
    return this.reciprocal.has(edge);
  }

  /** Replace what is drawn; positions come with the data, so nodes stay where they were. */
  show(data: NetworkData, extent: number): void {
    if (this.focused !== null && !data.nodes.some((n) => n.key === this.focused)) this.focused = null;
    this.graph.clear();
    this.graph.import(data);
    // A fixed frame: the lot's nodes fill the same place whatever the view.
    this.sigma.setCustomBBox({ x: [-extent, extent], y: [-extent, extent] });
    this.index();
  }

  /** Show the current network or the desired situation; the data stays as it is. */
  showMode(mode: PictureMode): void {
    this.mode = mode;
    this.index();
  }

  /** Which arcs bend (their reverse is drawn too) and the focused node's neighbours, in the mode shown. */
  private index(): void {
    const drawn = (source: string, target: string) => {
      const edge = this.graph.directedEdge(source, target);
      return edge !== undefined && drawnIn(this.mode, this.graph.getEdgeAttributes(edge));
    };
    this.reciprocal = new Set(this.graph.filterEdges((_edge, attributes, source, target) => drawnIn(this.mode, attributes) && drawn(target, source)));
    this.neighbours = this.neighboursOf(this.focused);
    this.sigma.refresh();
  }

  private neighboursOf(node: string | null): Set<string> {
    if (node === null) return new Set();
    const around = new Set<string>();
    this.graph.forEachEdge(node, (_edge, attributes, source, target) => {
      if (drawnIn(this.mode, attributes)) around.add(source === node ? target : source);
    });
    return around;
  }

  /** Highlight a node and its ties, or nothing; a reducer change, the data stays as it is. */
  focus(node: string | null): void {
    this.focused = node !== null && this.graph.hasNode(node) ? node : null;
    this.neighbours = this.neighboursOf(this.focused);
    this.sigma.refresh({ skipIndexation: true });
  }

  /** How many arcs of the lot graph (and how many ties outside it) are on screen now. */
  drawnCounts(): { arcs: number; crossings: number } {
    let arcs = 0;
    let crossings = 0;
    this.graph.forEachEdge((edge, attributes) => {
      if (this.sigma.getEdgeDisplayData(edge)?.hidden !== false) return;
      if (attributes.crossing) crossings++;
      else arcs++;
    });
    return { arcs, crossings };
  }

  /** The picture as a PNG: sigma's layers (WebGL and 2D) drawn in order onto one canvas, right after a render. */
  png(): Promise<Blob> {
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = Math.round(width * ratio);
    out.height = Math.round(height * ratio);
    const ctx = out.getContext("2d")!;
    ctx.fillStyle = PAPER;
    ctx.fillRect(0, 0, out.width, out.height);
    // WebGL canvases keep no drawing buffer: copy them in the same task as the render.
    this.sigma.refresh();
    const layers = this.sigma.getCanvases();
    for (const id of ["edges", "edgeLabels", "nodes", "labels", "hovers", "hoverNodes"]) {
      const layer = layers[id];
      if (layer) ctx.drawImage(layer, 0, 0, out.width, out.height);
    }
    return canvasPng(out);
  }

  kill(): void {
    this.sigma.kill();
  }
}
