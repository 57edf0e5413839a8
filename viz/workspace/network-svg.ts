import { create } from "d3";
import { INK, INK_SOFT, NODE_COLOURS, PAPER } from "../shared/palette.ts";
import { LABEL_SIZE, RECIPROCAL_CURVATURE, labelAnchor, markGap, type LotRenderer } from "./lot-renderer.ts";

/**
 * The lot network as an SVG file, drawn with d3 from what sigma shows: the same
 * viewport positions, sizes and colours (after the reducers), so the file is the
 * picture on screen, but as vectors that print and edit well.
 */
export function networkSvg(view: LotRenderer, caption: { title: string; detail: string }): string {
  const { sigma, graph } = view;
  const { width, height } = sigma.getDimensions();
  // A band above the picture for the caption; the picture keeps the screen's coordinates.
  const band = 46;
  const svg = create("svg")
    .attr("xmlns", "http://www.w3.org/2000/svg")
    .attr("width", width)
    .attr("height", height + band)
    .attr("viewBox", `0 ${-band} ${width} ${height + band}`)
    .attr("font-family", '"DejaVu Sans", sans-serif')
    .attr("font-size", LABEL_SIZE);
  svg.append("title").text(`${caption.title} · ${caption.detail}`);
  svg.append("rect").attr("y", -band).attr("width", width).attr("height", height + band).attr("fill", PAPER);
  svg.append("text").attr("x", 10).attr("y", -26).attr("font-weight", 700).attr("font-size", 14).attr("fill", INK).text(caption.title);
  svg.append("text").attr("x", 10).attr("y", -8).attr("font-size", 12).attr("fill", INK_SOFT).text(caption.detail);
  const defs = svg.append("defs");
  const markers = new Map<string, string>();
  const marker = (colour: string) => {
    if (!markers.has(colour)) {
      const id = `arrow-${markers.size}`;
      markers.set(colour, id);
      defs
        .append("marker")
        .attr("id", id)
        .attr("viewBox", "0 0 10 10")
        .attr("refX", 10)
        .attr("refY", 5)
        .attr("markerWidth", 3)
        .attr("markerHeight", 3)
        .attr("orient", "auto")
        .append("path")
        .attr("d", "M0,0 L10,5 L0,10 z")
        .attr("fill", colour);
    }
    return markers.get(colour)!;
  };

  const place = (node: string) => {
    const d = sigma.getNodeDisplayData(node)!;
    // Display data holds sigma's normalised coordinates; the conversion wants the graph's own.
    const { x = 0, y = 0 } = graph.getNodeAttributes(node);
    const p = sigma.graphToViewport({ x, y });
    return { ...p, r: sigma.scaleSize(d.size), d };
  };

  const arcs = svg.append("g").attr("class", "arcs");
  const drawn = graph.edges().map((e) => ({ e, d: sigma.getEdgeDisplayData(e)! })).filter((x) => !x.d.hidden);
  drawn.sort((a, b) => a.d.zIndex - b.d.zIndex);
  for (const { e, d } of drawn) {
    const s = place(graph.source(e));
    const t = place(graph.target(e));
    // A reciprocal arc bends as sigma's edge-curve bends it: its control point lies off
    // the middle by the curvature times (dy, -dx). A straight arc's control point is its middle.
    const c = view.isCurved(e) ? RECIPROCAL_CURVATURE : 0;
    const cx = (s.x + t.x) / 2 + c * (t.y - s.y);
    const cy = (s.y + t.y) / 2 - c * (t.x - s.x);
    // Start and end at the nodes' rims, in the direction of the control point.
    const rim = (p: { x: number; y: number; r: number }) => {
      const len = Math.hypot(cx - p.x, cy - p.y) || 1;
      return [p.x + ((cx - p.x) / len) * p.r, p.y + ((cy - p.y) / len) * p.r];
    };
    const [x1, y1] = rim(s);
    const [x2, y2] = rim(t);
    const colour = d.color;
    arcs
      .append("path")
      .attr("d", c === 0 ? `M${x1},${y1}L${x2},${y2}` : `M${x1},${y1}Q${cx},${cy} ${x2},${y2}`)
      .attr("fill", "none")
      .attr("data-curved", c === 0 ? null : "true")
      .attr("stroke", colour)
      .attr("stroke-width", sigma.scaleSize(d.size))
      .attr("marker-end", `url(#${marker(colour)})`);
  }

  const nodes = svg.append("g").attr("class", "nodes");
  for (const node of graph.nodes()) {
    const { x, y, r, d } = place(node);
    const a = graph.getNodeAttributes(node);
    const g = nodes.append("g");
    g.append("circle").attr("cx", x).attr("cy", y).attr("r", r).attr("fill", d.color);
    if (a.role === "coordinator") g.append("circle").attr("cx", x).attr("cy", y).attr("r", r + 4).attr("fill", "none").attr("stroke", NODE_COLOURS.coordinator).attr("stroke-width", 2.5);
    if (a.role !== "outside" && a.responded === false) {
      g.append("circle").attr("cx", x).attr("cy", y).attr("r", r).attr("fill", "none").attr("stroke", NODE_COLOURS.partner).attr("stroke-width", 1.5).attr("stroke-dasharray", "3 2.5");
    }
    const anchor = labelAnchor(x, y, markGap(r, a.role), width, height, LABEL_SIZE);
    g.append("text")
      .attr("x", anchor.x)
      .attr("y", anchor.y)
      .attr("text-anchor", anchor.align === "left" ? "start" : anchor.align === "right" ? "end" : "middle")
      .attr("font-weight", a.role === "coordinator" ? 700 : 500)
      .attr("fill", INK)
      .attr("stroke", PAPER)
      .attr("stroke-width", 4)
      .attr("stroke-linejoin", "round")
      .attr("paint-order", "stroke")
      .text(a.label);
  }
  return new XMLSerializer().serializeToString(svg.node()!);
}
