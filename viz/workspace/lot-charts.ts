import { axisBottom, axisLeft, create, max, min, scaleBand, scaleLinear } from "d3";
import type { Form } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";

/**
 * The comparison charts, drawn with d3 as plain SVG so they print and download as
 * they are: one figure for every lot (bars), the depth profile (stacked bars) and
 * the change between two waves (a dot per wave joined by a line).
 */

export interface LotValue {
  lot: string;
  /** Axis label: "1", "2", … the lot number. */
  label: string;
  /** Full name for the tooltip. */
  name: string;
  value: number | null;
  /** Drawn paler: the figure means little for this lot. */
  caveated: boolean;
}

const WIDTH = 380;
const HEIGHT = 220;
const MARGIN = { top: 24, right: 10, bottom: 36, left: 46 };

function frame(title: string, lotLabel: string, labels: string[]) {
  const svg = create("svg")
    .attr("class", "chart")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("role", "img");
  svg.append("title").text(title);
  const x = scaleBand<string>()
    .domain(labels)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  svg
    .append("g")
    .attr("class", "axis axis-x")
    .attr("transform", `translate(0,${HEIGHT - MARGIN.bottom})`)
    .call(axisBottom(x).tickSizeOuter(0));
  svg
    .append("text")
    .attr("class", "axis-title")
    .attr("x", (MARGIN.left + WIDTH - MARGIN.right) / 2)
    .attr("y", HEIGHT - 4)
    .attr("text-anchor", "middle")
    .text(lotLabel);
  return { svg, x };
}

/** The value axis, its ticks written like the values (in the page's language). */
function yAxis(svg: ReturnType<typeof frame>["svg"], lo: number, hi: number, format: (v: number) => string) {
  const y = scaleLinear().domain([lo, hi]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  svg
    .append("g")
    .attr("class", "axis axis-y")
    .attr("transform", `translate(${MARGIN.left},0)`)
    .call(axisLeft(y).ticks(5).tickFormat((v) => format(+v)));
  return y;
}

/** One bar per lot; a lot whose figure is undefined gets an empty bar and "n/a". */
export function barChart(opts: { title: string; lotLabel: string; undefinedLabel: string; values: LotValue[]; format: (v: number) => string; tick: (v: number) => string }): SVGSVGElement {
  const { values } = opts;
  const { svg, x } = frame(opts.title, opts.lotLabel, values.map((v) => v.label));
  const numbers = values.flatMap((v) => (v.value === null ? [] : [v.value]));
  const y = yAxis(svg, Math.min(0, min(numbers) ?? 0), Math.max(1, max(numbers) ?? 1), opts.tick);
  const zero = y(0);
  svg.append("line").attr("class", "zero").attr("x1", MARGIN.left).attr("x2", WIDTH - MARGIN.right).attr("y1", zero).attr("y2", zero);
  const bar = svg.append("g").attr("class", "bars").selectAll("g").data(values).join("g");
  bar
    .append("rect")
    .attr("class", (d) => `bar${d.caveated ? " caveated" : ""}${d.value === null ? " undefined-bar" : ""}`)
    .attr("data-lot", (d) => d.lot)
    .attr("data-value", (d) => (d.value === null ? "" : String(d.value)))
    .attr("x", (d) => x(d.label)!)
    .attr("width", x.bandwidth())
    .attr("y", (d) => (d.value === null ? zero : Math.min(zero, y(d.value))))
    .attr("height", (d) => (d.value === null ? 0 : Math.abs(y(d.value) - zero)))
    .append("title")
    .text((d) => `${d.name}: ${d.value === null ? opts.undefinedLabel : opts.format(d.value)}`);
  bar
    .append("text")
    .attr("class", (d) => (d.value === null ? "undefined" : "value"))
    .attr("x", (d) => x(d.label)! + x.bandwidth() / 2)
    .attr("y", (d) => (d.value === null || d.value >= 0 ? Math.min(zero, y(d.value ?? 0)) - 4 : y(d.value) + 12))
    .attr("text-anchor", "middle")
    .text((d) => (d.value === null ? opts.undefinedLabel : opts.format(d.value)));
  return svg.node()!;
}

/** The depth profile: per lot, the shares of arcs whose deepest form is each form, stacked to 1. */
export function depthChart(opts: {
  title: string;
  /** Writes a share as a percentage. */
  percent: (v: number) => string;
  lotLabel: string;
  colours: Record<Form, string>;
  formNames: Record<Form, string>;
  lots: Array<{ lot: string; label: string; name: string; depth: Record<Form, number | null>; caveated: boolean }>;
}): SVGSVGElement {
  const { svg, x } = frame(opts.title, opts.lotLabel, opts.lots.map((l) => l.label));
  const y = yAxis(svg, 0, 1, opts.percent);
  // The key sits in the picture, so a downloaded chart still says which colour is which form.
  const key = svg.append("g").attr("class", "chart-key");
  FORMS.forEach((form, i) => {
    const g = key.append("g").attr("transform", `translate(${MARGIN.left + 8 + i * 105},4)`);
    g.append("rect").attr("width", 10).attr("height", 10).attr("rx", 2).attr("fill", opts.colours[form]);
    g.append("text").attr("x", 14).attr("y", 9.5).text(opts.formNames[form]);
  });
  for (const lot of opts.lots) {
    let base = 0;
    const g = svg.append("g").attr("class", `stack${lot.caveated ? " caveated" : ""}`).attr("data-lot", lot.lot);
    for (const form of FORMS) {
      const share = lot.depth[form] ?? 0;
      g.append("rect")
        .attr("class", "segment")
        .attr("data-form", form)
        .attr("data-value", String(share))
        .attr("x", x(lot.label)!)
        .attr("width", x.bandwidth())
        .attr("y", y(base + share))
        .attr("height", y(base) - y(base + share))
        .attr("fill", opts.colours[form])
        .attr("fill-opacity", lot.caveated ? 0.55 : 1)
        .append("title")
        .text(`${lot.name} · ${opts.formNames[form]}: ${Math.round(share * 100)} %`);
      base += share;
    }
  }
  return svg.node()!;
}

/** Change between two waves: for every lot, the earlier value (grey dot), the later one (blue dot) and the line between. */
export function changeChart(opts: {
  title: string;
  lotLabel: string;
  undefinedLabel: string;
  format: (v: number) => string;
  tick: (v: number) => string;
  lots: Array<{ lot: string; label: string; name: string; from: number | null; to: number | null }>;
}): SVGSVGElement {
  const { svg, x } = frame(opts.title, opts.lotLabel, opts.lots.map((l) => l.label));
  const numbers = opts.lots.flatMap((l) => [l.from, l.to].filter((v): v is number => v !== null));
  const y = yAxis(svg, Math.min(0, min(numbers) ?? 0), Math.max(1, max(numbers) ?? 1), opts.tick);
  for (const lot of opts.lots) {
    const cx = x(lot.label)! + x.bandwidth() / 2;
    const g = svg.append("g").attr("class", "change").attr("data-lot", lot.lot);
    g.append("title").text(`${lot.name}: ${lot.from === null ? opts.undefinedLabel : opts.format(lot.from)} → ${lot.to === null ? opts.undefinedLabel : opts.format(lot.to)}`);
    if (lot.from !== null && lot.to !== null) g.append("line").attr("class", "change-line").attr("x1", cx).attr("x2", cx).attr("y1", y(lot.from)).attr("y2", y(lot.to));
    if (lot.from !== null) g.append("circle").attr("class", "wave-a").attr("cx", cx).attr("cy", y(lot.from)).attr("r", 5);
    if (lot.to !== null) g.append("circle").attr("class", "wave-b").attr("cx", cx).attr("cy", y(lot.to)).attr("r", 5);
    if (lot.from === null && lot.to === null) g.append("text").attr("class", "undefined").attr("x", cx).attr("y", y(0) - 4).attr("text-anchor", "middle").text(opts.undefinedLabel);
  }
  return svg.node()!;
}
