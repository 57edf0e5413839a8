import { arc, drag, select } from "d3";
import type { Form, Tie } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { DISC, RING_WIDTH, SCORES, SECTORS, layoutChips, pointAt, ringOf, spotAt, type PlacedChip, type Placement, type Score, type Spot } from "./circle-geometry.ts";
import "./circle-drawing.css";

/**
 * The network circle as an SVG picture: the respondent in the centre, the three
 * sectors and four rings, and a chip per (partner, form) placement. Read-only for
 * whoever looks at a circle; editable on the circle page, where placed chips can be
 * dragged to another cell or off the disc. `ghosts` are placements shown faint
 * beside the chips and never moved: the current circle under the desired one.
 */

export interface CirclePartner {
  id: string;
  name: string;
  initials: string;
}

export interface CircleLabels {
  /** Short names of the three forms, written along the rim. */
  forms: Record<Form, string>;
  /** The instrument's wording of the four scores, for tooltips. */
  scores: Record<Score, string>;
  /** Who drew the circle, shown in the middle. */
  centre: CirclePartner;
  /** Accessible name of the picture. */
  title: string;
  /** Said of a faint placement in its tooltip and in the picture's description ("now"). */
  ghost?: string;
}

interface Common {
  partners: readonly CirclePartner[];
  ties: readonly Tie[];
  /** Placements drawn faint and fixed, sharing the cells with the chips. */
  ghosts?: readonly Tie[];
  labels: CircleLabels;
}
export type CircleDrawingOptions = Common & (
  | { readOnly: true }
  /** `onMove` says where a placed chip was dropped: another cell, the centre or off the disc. */
  | { readOnly: false; onMove: (from: Placement, to: Spot) => void }
);

export interface CircleDrawing {
  readonly svg: SVGSVGElement;
  update(changes: Partial<CircleDrawingOptions>): void;
  /** Outline the cell a drag is over; null or a non-cell clears it. */
  highlight(spot: Spot | null): void;
  /** Screen pixels per SVG unit, to move things dragged from outside the picture. */
  pixelsPerUnit(): number;
}

const HALF = DISC.radius + DISC.labelBand;
const cellPath = arc<{ inner: number; outer: number; from: number; to: number }>()
  .innerRadius((d) => d.inner)
  .outerRadius((d) => d.outer)
  .startAngle((d) => (d.from * Math.PI) / 180)
  .endAngle((d) => (d.to * Math.PI) / 180);
const cellOf = (form: Form, score: Score) => ({ ...ringOf(score), ...SECTORS[form] });

let instances = 0;

/** Initials shrink to fit inside their chip. */
const fontSize = (chip: { r: number }, text: string) => Math.min(chip.r * 0.85, (chip.r * 2 * 0.82) / (Math.max(2, text.length) * 0.62));

/** One placement per (partner, form), in the order of the ties and of FORMS. */
function placementsOf(ties: readonly Tie[]): Placement[] {
  return ties.flatMap((t) => FORMS.filter((f) => t.forms[f] !== undefined).map((form) => ({ partner: t.partner, form, score: t.forms[form] as Score })));
}

export function drawCircle(container: HTMLElement, initial: CircleDrawingOptions): CircleDrawing {
  let options = initial;
  const id = `circle-${++instances}`;
  const root = select(container)
    .append("svg")
    .attr("class", "circle-drawing")
    .attr("viewBox", `${-HALF} ${-HALF} ${2 * HALF} ${2 * HALF}`)
    .attr("role", "img")
    .attr("aria-labelledby", `${id}-title ${id}-desc`);
  const svg = root.node()!;
  const title = root.append("title").attr("id", `${id}-title`);
  const desc = root.append("desc").attr("id", `${id}-desc`);

  // Cells, shaded deeper towards the centre where the contribution is largest.
  root
    .append("g")
    .attr("class", "cells")
    .selectAll("path")
    .data(FORMS.flatMap((form) => SCORES.map((score) => ({ form, score }))))
    .join("path")
    .attr("class", "cell")
    .attr("data-form", (d) => d.form)
    .attr("data-score", (d) => d.score)
    .attr("fill-opacity", (d) => 0.05 + 0.045 * d.score)
    .attr("d", (d) => cellPath(cellOf(d.form, d.score)));

  const grid = root.append("g").attr("class", "grid");
  grid
    .selectAll("circle")
    .data(SCORES.map((s) => ringOf(s).outer))
    .join("circle")
    .attr("r", (r) => r);
  grid
    .selectAll("line")
    .data(FORMS.map((f) => SECTORS[f].from))
    .join("line")
    .attr("x1", (a) => pointAt(a, DISC.centre)[0])
    .attr("y1", (a) => pointAt(a, DISC.centre)[1])
    .attr("x2", (a) => pointAt(a, DISC.radius)[0])
    .attr("y2", (a) => pointAt(a, DISC.radius)[1]);

  // Sector names follow the rim; the bottom one runs the other way so it reads left to right.
  const rim = root.append("g").attr("class", "rim-labels");
  rim
    .selectAll("path")
    .data(FORMS)
    .join("path")
    .attr("id", (f) => `${id}-rim-${f}`)
    .attr("d", (f) => {
      const { from, to } = SECTORS[f];
      const lower = (from + to) / 2 > 90 && (from + to) / 2 < 270;
      const r = lower ? DISC.radius + 22 : DISC.radius + 9;
      const [a, b] = lower ? [to, from] : [from, to];
      const [x0, y0] = pointAt(a, r);
      const [x1, y1] = pointAt(b, r);
      return `M${x0},${y0} A${r},${r} 0 0 ${lower ? 0 : 1} ${x1},${y1}`;
    });
  const rimText = rim
    .selectAll("text")
    .data(FORMS)
    .join("text")
    .attr("data-form", (f) => f)
    .append("textPath")
    .attr("href", (f) => `#${id}-rim-${f}`)
    .attr("startOffset", "50%");

  // Ring scores along the line between information and support.
  root
    .append("g")
    .attr("class", "ring-numbers")
    .attr("aria-hidden", "true")
    .selectAll("text")
    .data(SCORES)
    .join("text")
    .attr("x", 0)
    .attr("y", (s) => -(ringOf(s).inner + RING_WIDTH / 2))
    .text((s) => s);

  const centre = root.append("g").attr("class", "centre");
  centre.append("circle").attr("r", DISC.centre - 6);
  const centreText = centre.append("text");
  const centreTitle = centre.append("title");

  const target = root.append("path").attr("class", "drop-target");
  const ghostChips = root.append("g").attr("class", "ghosts");
  const chips = root.append("g").attr("class", "chips");

  const dragChip = drag<SVGGElement, PlacedChip>()
    .container(() => svg)
    .on("start", function () {
      select(this).raise().classed("dragging", true);
    })
    .on("drag", function (event: { x: number; y: number }) {
      select(this).attr("transform", `translate(${event.x},${event.y})`);
      const spot = spotAt(event.x, event.y);
      highlight(spot);
      select(this).classed("leaving", spot.kind === "outside");
    })
    .on("end", function (event: { x: number; y: number }, d) {
      highlight(null);
      render();
      if (!options.readOnly) options.onMove({ partner: d.partner, form: d.form, score: d.score }, spotAt(event.x, event.y));
    });

  function highlight(spot: Spot | null): void {
    target.attr("d", spot?.kind === "cell" ? cellPath(cellOf(spot.form, spot.score)) : null);
  }

  function render(): void {
    const { labels, partners, ties, readOnly } = options;
    const ghosts = options.ghosts ?? [];
    const byId = new Map(partners.map((p) => [p.id, p]));
    const partnerOf = (pid: string) => byId.get(pid) ?? { id: pid, name: pid, initials: pid };
    const described = (list: readonly Tie[], suffix: string) =>
      list.filter((t) => FORMS.some((f) => t.forms[f] !== undefined)).map((t) =>
        `${partnerOf(t.partner).name}: ${FORMS.filter((f) => t.forms[f] !== undefined).map((f) => `${labels.forms[f]} ${t.forms[f]}`).join(", ")}${suffix}`);
    root.classed("editable", !readOnly);
    title.text(labels.title);
    desc.text([...described(ties, ""), ...described(ghosts, labels.ghost ? ` (${labels.ghost})` : "")].join("; "));
    rimText.text((f) => labels.forms[f]);
    centreText.text(labels.centre.initials).attr("font-size", fontSize({ r: DISC.centre - 8 }, labels.centre.initials));
    centreTitle.text(labels.centre.name);

    // One layout for both, so that a faint placement and a chip in the same cell sit side by side.
    const laid = layoutChips([
      ...placementsOf(ghosts).map((p) => ({ ...p, ghost: true })),
      ...placementsOf(ties).map((p) => ({ ...p, ghost: false })),
    ]);
    const ghostData: PlacedChip[] = laid.filter((d) => d.ghost);
    const chipData: PlacedChip[] = laid.filter((d) => !d.ghost);
    const ghost = ghostChips
      .selectAll<SVGGElement, PlacedChip>("g.ghost")
      .data(ghostData, (d) => `${d.partner}:${d.form}`)
      .join((enter) => {
        const g = enter.append("g").attr("class", "ghost");
        g.append("circle");
        g.append("text");
        g.append("title");
        return g;
      })
      .attr("data-partner", (d) => d.partner)
      .attr("data-form", (d) => d.form)
      .attr("data-score", (d) => d.score)
      .attr("transform", (d) => `translate(${d.x},${d.y})`);
    ghost.select("circle").attr("r", (d) => d.r - 1);
    ghost
      .select("text")
      .text((d) => partnerOf(d.partner).initials)
      .attr("font-size", (d) => fontSize(d, partnerOf(d.partner).initials));
    ghost.select("title").text((d) => `${partnerOf(d.partner).name} · ${labels.forms[d.form]}: ${d.score} ${labels.scores[d.score]}${labels.ghost ? ` (${labels.ghost})` : ""}`);

    const chip = chips
      .selectAll<SVGGElement, PlacedChip>("g.chip")
      .data(chipData, (d) => `${d.partner}:${d.form}`)
      .join((enter) => {
        const g = enter.append("g");
        g.append("circle");
        g.append("text");
        g.append("title");
        return g;
      })
      .attr("class", "chip")
      .attr("data-partner", (d) => d.partner)
      .attr("data-form", (d) => d.form)
      .attr("data-score", (d) => d.score)
      .attr("transform", (d) => `translate(${d.x},${d.y})`)
      .classed("dragging leaving", false);
    chip.select("circle").attr("r", (d) => d.r);
    chip
      .select("text")
      .text((d) => partnerOf(d.partner).initials)
      .attr("font-size", (d) => fontSize(d, partnerOf(d.partner).initials));
    chip.select("title").text((d) => `${partnerOf(d.partner).name} · ${labels.forms[d.form]}: ${d.score} ${labels.scores[d.score]}`);
    if (readOnly) chip.on(".drag", null);
    else chip.call(dragChip);
  }

  render();
  return {
    svg,
    update(changes) {
      options = { ...options, ...changes } as CircleDrawingOptions;
      render();
    },
    highlight,
    pixelsPerUnit: () => svg.getBoundingClientRect().width / (2 * HALF),
  };
}
