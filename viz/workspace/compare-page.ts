import type { TFunction } from "i18next";
import type { ChannelFigures, CoordinatorFigures, DesiredFigures, NetworkFigures, WaveChange } from "../../api/analysis/metrics-schema.ts";
import { DESIRED_CHANGES } from "../../api/schema/desired-change.ts";
import type { Form } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { h } from "../shared/dom.ts";
import { caveatsFor, ifAnswered, type Caveat } from "./caveats.ts";
import { formatDelta, formatNumber, formatPercent } from "../shared/format.ts";
import { barChart, changeChart, depthChart } from "./lot-charts.ts";
import { FORM_COLOURS } from "../shared/palette.ts";
import { exportPanel } from "./network-exports.ts";
import { svgDownloads } from "./picture-download.ts";
import { viewFromUrl, viewSwitches, waveSelect, type WaveChoice } from "./view-controls.ts";
import { enc, pathParams, startWorkspacePage } from "./workspace-page.ts";
import "./workspace.css";

/** GET /api/calls/:callId/comparison */
interface Comparison {
  call: { id: string; name: string };
  wave: { id: string; name: string };
  lots: Array<{
    lot: { id: string; number: number; name: string };
    network: NetworkFigures;
    coordinator: CoordinatorFigures | null;
    desired: DesiredFigures | null;
    channels: ChannelFigures | null;
  }>;
}
type LotFigures = Comparison["lots"][number];

/** The figures compared, in the order of the issue; the last two are the coordinator's. */
const FIGURES = ["responseRate", "density", "observedDensity", "reciprocity", "degreeCentralization", "dominanceIndex", "dependency"] as const;
type Figure = (typeof FIGURES)[number];

const valueOf = (l: LotFigures, f: Figure): number | null =>
  ifAnswered(l.network, f === "dominanceIndex" || f === "dependency" ? (l.coordinator?.[f] ?? null) : l.network[f]);
const isPercent = (f: Figure) => f === "responseRate";
const format = (f: Figure) => (v: number) => (isPercent(f) ? formatPercent(v) : formatNumber(v));
/** Axis ticks fall on tenths: one decimal is enough. */
const tick = (f: Figure) => (v: number) => (isPercent(f) ? formatPercent(v) : formatNumber(v, 1));

const page = await startWorkspacePage(["workspace", "desired-view"]);
const { t, main } = page;
const { callId } = pathParams<"callId">("/calls/:callId/compare");
const view = viewFromUrl();
let fromWave: string | null = new URLSearchParams(location.search).get("from");
let changeFigure: Figure = "density";

/**
 * A chart in its card: title, one line on what the figure means, the picture, its
 * downloads and its warnings. A downloaded picture is captioned with `caption`.
 */
function chartCard(t: TFunction, key: string, title: string, caption: string, meaning: string, svg: SVGSVGElement, notes: string[]): HTMLElement {
  return h(
    "article",
    { class: "card chart-card", "data-figure": key },
    h("div", { class: "section-head" }, h("h3", {}, title), svgDownloads(t, () => `${callId}_${view.wave ?? ""}_${view.layer}_${view.missing}_${key}`, () => svg, caption)),
    h("p", { class: "meaning" }, meaning),
    svg,
    notes.length > 0 && h("div", { class: "caveat" }, ...notes.map((n) => h("p", {}, n))),
  );
}

/** Which lots carry which warning for a figure, as sentences naming them. */
function notesFor(t: TFunction, figure: string, lots: LotFigures[], value: (l: LotFigures) => number | null): string[] {
  const named = (pick: (l: LotFigures) => boolean) => lots.filter(pick).map((l) => t("lot.number", { number: l.lot.number }));
  const notes: string[] = [];
  for (const caveat of ["small", "incomplete"] as Caveat[]) {
    const which = named((l) => l.network.respondents > 0 && caveatsFor(figure, l.network).includes(caveat));
    if (which.length) notes.push(t(`caveats.${caveat}`, { lots: which.join(", ") }));
  }
  const unanswered = named((l) => l.network.respondents === 0);
  if (unanswered.length) notes.push(t("caveats.unanswered", { lots: unanswered.join(", ") }));
  const undefinedFor = named((l) => l.network.respondents > 0 && value(l) === null);
  if (undefinedFor.length) notes.push(t("caveats.undefined", { lots: undefinedFor.join(", ") }));
  return notes;
}

/** What a downloaded chart says about itself: the figure, the wave, and the layer and mode when not the defaults. */
function captionOf(c: Comparison, title: string): string {
  const parts = [
    title,
    c.wave.name,
    view.layer === "all" ? null : t(`common:formsShort.${view.layer}`),
    view.missing === "observed" ? null : t(`controls.modes.${view.missing}`),
  ];
  return parts.filter((p) => p !== null).join(" · ");
}

function figureCharts(c: Comparison): HTMLElement[] {
  return FIGURES.map((f) => {
    const values = c.lots.map((l) => ({
      lot: l.lot.id,
      label: String(l.lot.number),
      name: `${t("lot.number", { number: l.lot.number })}: ${l.lot.name}`,
      value: valueOf(l, f),
      caveated: caveatsFor(f, l.network).length > 0,
    }));
    const title = t(`figures.${f}.label`);
    const svg = barChart({ title, lotLabel: t("compare.lot"), undefinedLabel: t("compare.undefined"), values, format: format(f), tick: tick(f) });
    return chartCard(t, f, title, captionOf(c, title), t(`figures.${f}.meaning`), svg, notesFor(t, f, c.lots, (l) => valueOf(l, f)));
  });
}

function depthCard(c: Comparison): HTMLElement {
  const formNames = Object.fromEntries(FORMS.map((f) => [f, t(`common:formsShort.${f}`)])) as Record<Form, string>;
  const title = t("compare.depthTitle");
  const svg = depthChart({
    title,
    percent: formatPercent,
    lotLabel: t("compare.lot"),
    colours: FORM_COLOURS,
    formNames,
    lots: c.lots.map((l) => ({
      lot: l.lot.id,
      label: String(l.lot.number),
      name: `${t("lot.number", { number: l.lot.number })}: ${l.lot.name}`,
      depth: l.network.depth as Record<Form, number | null>,
      caveated: caveatsFor("depth", l.network).length > 0,
    })),
  });
  return chartCard(t, "depth", title, captionOf(c, title), t("figures.depth.meaning"), svg, notesFor(t, "depth", c.lots, (l) => (l.network.m === 0 ? null : 1)));
}

/**
 * The gap between the current and the desired situation and the formal share of the
 * channels, per lot, when the wave asks them: a chart of each, and the ties compared
 * per lot by change in a table.
 */
function desiredSection(c: Comparison): HTMLElement | null {
  const asksDesired = c.lots.some((l) => l.desired !== null);
  const asksChannels = c.lots.some((l) => l.channels !== null);
  if (!asksDesired && !asksChannels) return null;
  const ns = "desired-view:compare";
  const chart = (key: "meanDelta" | "formalShare", value: (l: LotFigures) => number | null, percent: boolean) => {
    const title = t(`${ns}.${key}.label`);
    const values = c.lots.map((l) => ({
      lot: l.lot.id,
      label: String(l.lot.number),
      name: `${t("lot.number", { number: l.lot.number })}: ${l.lot.name}`,
      value: ifAnswered(l.network, value(l)),
      caveated: caveatsFor(key, l.network).length > 0,
    }));
    const svg = barChart({
      title,
      lotLabel: t("compare.lot"),
      undefinedLabel: t("compare.undefined"),
      values,
      format: percent ? formatPercent : (v) => formatDelta(v),
      tick: percent ? formatPercent : (v) => formatNumber(v, 1),
    });
    return chartCard(t, key, title, captionOf(c, title), t(`${ns}.${key}.meaning`), svg, notesFor(t, key, c.lots, (l) => value(l)));
  };
  const cell = (v: string | null) => h("td", { class: "num" }, v ?? t(`${ns}.notAsked`));
  return h(
    "section",
    { class: "desired-compare", "data-testid": "desired-compare" },
    h("h2", {}, t(`${ns}.heading`)),
    h("p", { class: "muted" }, t(`${ns}.intro`, { wave: c.wave.name })),
    h(
      "div",
      { class: "chart-grid" },
      asksDesired && chart("meanDelta", (l) => l.desired?.gap.meanDelta ?? null, false),
      asksChannels && chart("formalShare", (l) => l.channels?.formalShare ?? null, true),
    ),
    h(
      "article",
      { class: "card" },
      h(
        "div",
        { class: "table-scroll" },
        h(
          "table",
          { class: "change-table gap-table" },
          h("caption", {}, t(`${ns}.gapCaption`)),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, t("compare.lot")),
              ...DESIRED_CHANGES.map((k) => h("th", { scope: "col", class: "num", title: t(`desired-view:figures.${k}.meaning`) }, t(`desired-view:change.${k}`))),
              h("th", { scope: "col", class: "num" }, t(`${ns}.meanDelta.label`)),
              h("th", { scope: "col", class: "num" }, t(`${ns}.formalShare.label`)),
            ),
          ),
          h(
            "tbody",
            {},
            ...c.lots.map((l) => {
              const answered = l.network.respondents > 0;
              const gap = l.desired?.gap;
              return h(
                "tr",
                { "data-lot": l.lot.id },
                h("th", { scope: "row" }, t("lot.number", { number: l.lot.number })),
                ...DESIRED_CHANGES.map((k) => cell(gap === undefined ? null : answered ? String(gap[k]) : "—")),
                cell(gap === undefined ? null : answered && gap.meanDelta !== null ? formatDelta(gap.meanDelta) : "—"),
                cell(l.channels === null ? null : formatPercent(ifAnswered(l.network, l.channels.formalShare))),
              );
            }),
          ),
        ),
      ),
    ),
  );
}

async function changeSection(c: Comparison, waves: WaveChoice[]): Promise<HTMLElement> {
  // Change runs forward in time: only the waves before the one shown can be compared with.
  const earlier = waves.slice(0, Math.max(0, waves.findIndex((w) => w.id === c.wave.id)));
  if (earlier.length === 0) {
    const why = waves.length === 1 ? t("compare.change.oneWave") : t("compare.change.firstWave", { wave: c.wave.name });
    return h("section", { class: "card change" }, h("h2", {}, t("compare.change.heading")), h("p", { class: "muted" }, why));
  }
  const from = earlier.find((w) => w.id === fromWave) ?? earlier.at(-1)!;
  const q = (wave: string) => new URLSearchParams({ wave, layer: view.layer, missing: view.missing });
  const [before, ...changes] = await Promise.all([
    page.api<Comparison>(`/api/calls/${enc(callId)}/comparison?${q(from.id)}`),
    ...c.lots.map((l) =>
      page.api<{ change: WaveChange }>(`/api/lots/${enc(l.lot.id)}/change?${new URLSearchParams({ from: from.id, to: c.wave.id, layer: view.layer, missing: view.missing })}`),
    ),
  ]);
  const previous = new Map(before.lots.map((l) => [l.lot.id, l]));
  const title = t(`figures.${changeFigure}.label`);
  const svg = changeChart({
    title,
    lotLabel: t("compare.lot"),
    undefinedLabel: t("compare.undefined"),
    format: format(changeFigure),
    tick: tick(changeFigure),
    lots: c.lots.map((l) => {
      const p = previous.get(l.lot.id);
      return { lot: l.lot.id, label: String(l.lot.number), name: l.lot.name, from: p ? valueOf(p, changeFigure) : null, to: valueOf(l, changeFigure) };
    }),
  });
  const figure = h("select", { name: "change-figure" }, ...FIGURES.map((f) => new Option(t(`figures.${f}.label`), f, false, f === changeFigure)));
  figure.addEventListener("change", () => {
    changeFigure = figure.value as Figure;
    void render();
  });
  const fromSelect = waveSelect(t, earlier, from.id, (id) => {
    fromWave = id;
    void render();
  }, t("compare.change.from"));
  return h(
    "section",
    { class: "change" },
    h("h2", {}, t("compare.change.title", { from: from.name, to: c.wave.name })),
    h("div", { class: "view-controls card" }, fromSelect, h("label", { class: "field" }, h("span", { class: "field-label" }, t("compare.change.figure")), figure)),
    h(
      "div",
      { class: "change-grid" },
      chartCard(t, `change-${changeFigure}`, title, `${title} · ${from.name} → ${c.wave.name}`, t("compare.change.meaning", { from: from.name, to: c.wave.name }), svg, []),
      h(
        "article",
        { class: "card" },
        h("table", { class: "change-table" },
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, t("compare.lot")),
            h("th", { scope: "col", class: "num", title: t("compare.change.arcJaccardMeaning") }, t("compare.change.arcJaccard")),
            h("th", { scope: "col", class: "num" }, t("compare.change.added")),
            h("th", { scope: "col", class: "num" }, t("compare.change.dropped")),
            h("th", { scope: "col", class: "num" }, `Δ ${title}`),
          )),
          h("tbody", {}, ...c.lots.map((l, i) => {
            const ch = changes[i]!.change;
            const p = previous.get(l.lot.id);
            const a = p ? valueOf(p, changeFigure) : null;
            const b = valueOf(l, changeFigure);
            return h("tr", { "data-lot": l.lot.id },
              h("th", { scope: "row" }, t("lot.number", { number: l.lot.number })),
              h("td", { class: "num" }, formatNumber(ch.arcJaccard)),
              h("td", { class: "num" }, String(ch.added.length)),
              h("td", { class: "num" }, String(ch.dropped.length)),
              h("td", { class: "num" }, a === null || b === null ? "—" : formatDelta(b - a)),
            );
          })),
        ),
        h("p", { class: "muted small" }, t("compare.change.arcJaccardMeaning")),
      ),
    ),
  );
}

const head = h("div", { class: "page-head" });
const controls = h("form", { class: "view-controls card", onsubmit: (e: Event) => e.preventDefault() });
const content = h("div", { class: "compare-content" });
main.replaceChildren(head, controls, content);

async function render(): Promise<void> {
  main.setAttribute("aria-busy", "true");
  const q = new URLSearchParams({ ...(view.wave && { wave: view.wave }), layer: view.layer, missing: view.missing });
  const [call, c] = await Promise.all([
    page.api<{ call: { name: string }; waves: WaveChoice[] }>(`/api/calls/${enc(callId)}`),
    page.api<Comparison>(`/api/calls/${enc(callId)}/comparison?${q}`),
  ]);
  view.wave = c.wave.id;
  history.replaceState(null, "", `?${new URLSearchParams({ wave: c.wave.id, layer: view.layer, missing: view.missing, ...(fromWave && { from: fromWave }) })}`);
  document.title = `${t("compare.title")} · ${call.call.name} · ${t("common:brand")}`;
  const change = await changeSection(c, call.waves);

  head.replaceChildren(
    h("div", {}, h("p", { class: "eyebrow" }, h("a", { href: `/calls/${enc(callId)}?wave=${enc(c.wave.id)}` }, call.call.name)), h("h1", {}, t("compare.title"))),
  );
  // Made once: redrawing them would take the focus away from the control just used.
  if (!controls.hasChildNodes()) {
    const reload = () => void render().catch(page.fail);
    controls.append(...viewSwitches(t, call.waves, view, reload));
  }
  content.replaceChildren(
    h("p", { class: "muted" }, t("compare.intro", { wave: c.wave.name })),
    h("ol", { class: "lot-key" }, ...c.lots.map((l) => h("li", { value: l.lot.number }, h("a", { href: `/lots/${enc(l.lot.id)}?wave=${enc(c.wave.id)}` }, l.lot.name)))),
    h("div", { class: "chart-grid", "data-testid": "figure-charts" }, ...figureCharts(c), depthCard(c)),
    ...[desiredSection(c)].filter((section) => section !== null),
    h(
      "section",
      { class: "card comparison-downloads" },
      h("h2", {}, t("compare.downloads")),
      h("p", { class: "muted small" }, t("compare.downloadsHint", { wave: c.wave.name })),
      exportPanel(page, {
        path: `/api/calls/${enc(callId)}/comparison/export`,
        view: () => new URLSearchParams({ wave: c.wave.id, layer: view.layer, missing: view.missing }),
        formats: ["xlsx"],
        labels: { xlsx: t("download.comparisonXlsx") },
      }),
    ),
    change,
  );
  main.removeAttribute("aria-busy");
}

await render().catch(page.fail);
