import type { TFunction } from "i18next";
import type { Layer, LotMetrics, MissingMode } from "../../api/analysis/metrics-schema.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { h } from "../shared/dom.ts";
import { caveatsOf, ifAnswered } from "./caveats.ts";
import { formatNumber, formatPercent } from "../shared/format.ts";
import { FORM_COLOURS, INK_SOFT, NODE_COLOURS, QUIET_SAMPLE } from "../shared/palette.ts";
import { channelBreakdown, comparedPairs, desiredFigures, desiredLegend, pairTable, pictureSwitch } from "./desired-view.ts";
import { LotRenderer, type NetworkData, type PictureMode } from "./lot-renderer.ts";
import { exportPanel } from "./network-exports.ts";
import { networkSvg } from "./network-svg.ts";
import { NodeTable } from "./node-table.ts";
import { pictureDownloads } from "./picture-download.ts";
import { viewFromUrl, viewSwitches, type WaveChoice } from "./view-controls.ts";
import { enc, pathParams, startWorkspacePage } from "./workspace-page.ts";
import "./workspace.css";

/** GET /api/lots/:lotId/graph */
interface GraphResponse {
  call: { id: string; name: string };
  lot: { id: string; number: number; name: string };
  wave: { id: string; name: string };
  waves: WaveChoice[];
  layer: Layer;
  missing: MissingMode;
  outside: boolean;
  extent: number;
  graph: NetworkData;
}

interface View {
  wave: string | null;
  layer: Layer;
  missing: MissingMode;
  outside: boolean;
}

const NETWORK_FIGURES = ["n", "m", "respondents", "responseRate", "density", "observedDensity", "reciprocity", "meanContribution", "components", "degreeCentralization"] as const;

/**
 * The lot page: the lot's network drawn with sigma beside its figures, the node
 * figures in a sortable table below, and the files to download. The view (wave,
 * layer, missing-data mode, ties outside) lives in the address.
 */
const page = await startWorkspacePage(["workspace", "desired-view"]);
const { t, main } = page;
const { lotId } = pathParams<"lotId">("/lots/:lotId");
const view: View = { ...viewFromUrl(), outside: new URLSearchParams(location.search).get("outside") === "true" };
const query = () =>
  new URLSearchParams({ ...(view.wave && { wave: view.wave }), layer: view.layer, missing: view.missing, outside: String(view.outside) });
/** The desired view, when the wave asks for the desired situation; kept in the address beside the view. */
let picture: PictureMode = new URLSearchParams(location.search).get("picture") === "desired" ? "desired" : "current";

function legend(t: TFunction): HTMLElement {
  const swatch = (body: string) => h("span", { class: "swatch", "aria-hidden": "true" }, svgIcon(body));
  return h(
    "div",
    { class: "legend" },
    h(
      "ul",
      {},
      h("li", {}, swatch(`<circle cx="10" cy="10" r="5.5" fill="${NODE_COLOURS.coordinator}"/><circle cx="10" cy="10" r="8.5" fill="none" stroke="${NODE_COLOURS.coordinator}" stroke-width="2"/>`), t("legend.coordinator")),
      h("li", {}, swatch(`<circle cx="10" cy="10" r="6" fill="${NODE_COLOURS.partner}"/>`), t("legend.respondent")),
      h("li", {}, swatch(`<circle cx="10" cy="10" r="6" fill="${NODE_COLOURS.silent}" stroke="${NODE_COLOURS.partner}" stroke-width="1.5" stroke-dasharray="3 2.5"/>`), t("legend.silent")),
      h("li", { class: "legend-outside" }, swatch(`<circle cx="10" cy="10" r="6" fill="${NODE_COLOURS.outside}"/>`), t("legend.outside")),
    ),
    h(
      "ul",
      {},
      ...FORMS.map((f) => h("li", {}, swatch(`<line x1="2" y1="10" x2="18" y2="10" stroke="${FORM_COLOURS[f]}" stroke-width="3"/>`), t("legend.deepest", { form: t(`common:formsShort.${f}`) }))),
      h("li", {}, swatch(`<line x1="2" y1="4" x2="18" y2="4" stroke="${INK_SOFT}" stroke-width="0.8"/><line x1="2" y1="10" x2="18" y2="10" stroke="${INK_SOFT}" stroke-width="2"/><line x1="2" y1="16" x2="18" y2="16" stroke="${INK_SOFT}" stroke-width="4.1"/>`), t("legend.width")),
      h("li", {}, swatch(`<line x1="2" y1="10" x2="18" y2="10" stroke="${QUIET_SAMPLE}" stroke-width="3"/>`), t("legend.quiet")),
    ),
    h("p", { class: "muted small" }, t("legend.reading")),
  );
}

/** A small inline SVG for the legend, built from trusted markup of this module only. */
function svgIcon(body: string): SVGSVGElement {
  const svg = new DOMParser().parseFromString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="20" height="20">${body}</svg>`, "image/svg+xml").documentElement;
  return document.importNode(svg, true) as unknown as SVGSVGElement;
}

function figureList(metrics: LotMetrics, coordinatorName: string | undefined): HTMLElement {
  const answered = metrics.network.respondents > 0;
  const net = metrics.network;
  const c = metrics.coordinator;
  const row = (key: string, value: string, meaning: string) => [h("dt", { title: meaning }, t(`figures.${key}.label`)), h("dd", { "data-figure": key }, value)];
  const shown = (key: (typeof NETWORK_FIGURES)[number]) => {
    const v = key === "n" || key === "respondents" ? net[key] : ifAnswered(net, net[key]);
    return key === "responseRate" ? formatPercent(v) : formatNumber(v, Number.isInteger(v) ? 0 : 3);
  };
  const ofCoordinator = (v: number | null) => ifAnswered(net, v);
  const caveats = caveatsOf(net);
  return h(
    "div",
    {},
    caveats.length > 0 && h("div", { class: "caveat" }, ...caveats.map((k) => h("p", {}, t(`caveats.${k}Lot`)))),
    h("dl", { class: "figure-list" }, ...NETWORK_FIGURES.flatMap((key) => row(key, shown(key), t(`figures.${key}.meaning`)))),
    h("h3", {}, t("figures.coordinatorHeading")),
    c === null
      ? h("p", { class: "muted" }, t("overview.noCoordinator"))
      : h(
          "dl",
          { class: "figure-list" },
          h("dt", {}, t("figures.coordinatorHeading")),
          h("dd", {}, coordinatorName ?? c.id),
          ...row("inStrengthShare", formatPercent(ofCoordinator(c.inStrengthShare)), t("figures.inStrengthShare.meaning")),
          ...row("dominanceIndex", formatNumber(ofCoordinator(c.dominanceIndex), 3), t("figures.dominanceIndex.meaning")),
          ...row("rank", net.respondents === 0 ? "—" : t("figures.rank.value", { rank: c.rank, n: net.n }), t("figures.rank.meaning")),
          ...row("dependency", formatNumber(ofCoordinator(c.dependency), 3), t("figures.dependency.meaning")),
        ),
    desiredFigures(t, metrics, answered),
  );
}

try {
  const head = h("div", { class: "page-head" });
  const controls = h("form", { class: "view-controls card", onsubmit: (e: Event) => e.preventDefault() });
  const container = h("div", { class: "network", id: "network", role: "img", "aria-label": t("lot.pictureLabel") });
  const count = h("p", { class: "arc-count", "aria-live": "polite" });
  const switchSlot = h("div", { class: "picture-switch-slot" });
  const legendSlot = h("div", {}, legend(t));
  const pairs = h("section", { class: "card desired-pairs", hidden: true }, h("h2", {}, t("desired-view:pairs.heading")));
  const channels = h("div", {});
  const figures = h("div", { class: "figures" });
  const selection = h("div", { class: "selection", "aria-live": "polite" });
  const table = new NodeTable(t, (node) => highlight(node));
  const downloads = pictureDownloads(t, () => `${lotId}_${view.wave ?? ""}_${view.layer}_${view.missing}`, {
    png: () => renderer.png(),
    svg: () => networkSvg(renderer, caption),
  });

  main.replaceChildren(
    head,
    controls,
    h(
      "div",
      { class: "lot-layout" },
      h(
        "section",
        { class: "card picture-card" },
        h("div", { class: "section-head" }, h("h2", {}, t("lot.network")), downloads),
        switchSlot,
        container,
        count,
        legendSlot,
      ),
      h("aside", { class: "card figures-card" }, h("h2", {}, t("lot.figures")), selection, figures),
    ),
    pairs,
    channels,
    h("section", { class: "card" }, h("h2", {}, t("lot.nodeFigures")), h("div", { class: "table-scroll" }, table.element)),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("lot.downloads")),
      h("p", { class: "muted small" }, t("lot.downloadsHint")),
      exportPanel(page, { path: `/api/lots/${enc(lotId)}/export`, view: query }),
    ),
  );

  let selected: string | null = null;
  /** What a downloaded picture says it shows. */
  let caption = { title: "", detail: "" };
  let names = new Map<string, string>();
  let waveId = "";
  let shown: { graph: GraphResponse; asksDesired: boolean } | null = null;
  const renderer = new LotRenderer(
    container,
    (node) => highlight(node ?? selected),
    (node) => {
      selected = node;
      highlight(node);
      showSelection();
    },
  );
  function highlight(node: string | null): void {
    renderer.focus(node ?? selected);
    table.mark(node ?? selected);
    container.dataset.focused = node ?? selected ?? "";
  }
  function showSelection(): void {
    selection.replaceChildren(
      ...(selected === null
        ? [h("p", { class: "muted small" }, t("lot.selectHint"))]
        : [
            h(
              "p",
              { class: "selected" },
              h("strong", {}, names.get(selected) ?? selected),
              " · ",
              h("a", { href: `/circles/${enc(waveId)}/${enc(selected)}` }, t("table.circle")),
              " · ",
              h("a", { href: `/reports/${enc(waveId)}/${enc(selected)}` }, t("table.report")),
            ),
          ]),
    );
  }

  let request = 0;
  async function load(): Promise<void> {
    const mine = ++request;
    main.setAttribute("aria-busy", "true");
    const q = query();
    const graph = await page.api<GraphResponse>(`/api/lots/${enc(lotId)}/graph?${q}`);
    q.set("wave", graph.wave.id);
    q.delete("outside");
    const metrics = await page.api<LotMetrics>(`/api/lots/${enc(lotId)}/metrics?${q}`);
    if (mine !== request) return;
    view.wave = graph.wave.id;
    waveId = graph.wave.id;
    const asksDesired = metrics.desired !== null;
    shown = { graph, asksDesired };
    if (!asksDesired) picture = "current";
    history.replaceState(null, "", `?${address()}`);
    document.title = `${t("lot.number", { number: graph.lot.number })} · ${graph.lot.name} · ${t("common:brand")}`;
    names = new Map(metrics.nodes.map((n) => [n.id, n.name]));

    head.replaceChildren(
      h(
        "div",
        {},
        h("p", { class: "eyebrow" }, h("a", { href: `/calls/${enc(graph.call.id)}?wave=${enc(graph.wave.id)}` }, graph.call.name), " · ", t("lot.number", { number: graph.lot.number })),
        h("h1", {}, graph.lot.name),
      ),
      h("div", { class: "actions" }, h("a", { class: "button-link", href: `/calls/${enc(graph.call.id)}/compare?wave=${enc(graph.wave.id)}` }, t("nav.compare"))),
    );
    // Made once: redrawing them would take the focus away from the control just used.
    if (!controls.hasChildNodes()) renderControls(graph);
    renderer.show(graph.graph, graph.extent);
    table.show(metrics.nodes, graph.wave.id);
    const coordinatorName = metrics.coordinator ? names.get(metrics.coordinator.id) : undefined;
    figures.replaceChildren(figureList(metrics, coordinatorName));
    channels.replaceChildren(...[channelBreakdown(t, metrics.channels)].filter((x) => x !== null));
    switchSlot.replaceChildren(
      ...(asksDesired
        ? [
            pictureSwitch(t, picture, (mode) => {
              picture = mode;
              showPicture();
              history.replaceState(null, "", `?${address()}`);
            }),
          ]
        : []),
    );
    if (selected !== null && !names.has(selected)) selected = null;
    highlight(null);
    showSelection();

    container.dataset.layer = view.layer;
    container.dataset.missing = view.missing;
    container.dataset.wave = graph.wave.id;
    container.closest(".lot-layout")!.classList.toggle("with-outside", view.outside);
    showPicture();
    main.removeAttribute("aria-busy");
  }

  /** The address of what is shown: the view, and the desired picture when it is the one shown. */
  function address(): URLSearchParams {
    const q = query();
    if (picture === "desired") q.set("picture", "desired");
    return q;
  }

  /** Draw the current network or the desired situation, with its legend, count, caption and table of pairs. */
  function showPicture(): void {
    if (shown === null) return;
    const { graph } = shown;
    const desired = picture === "desired";
    renderer.showMode(picture);
    const drawn = renderer.drawnCounts();
    container.dataset.picture = picture;
    container.dataset.drawnArcs = String(drawn.arcs);
    container.dataset.drawnCrossings = String(drawn.crossings);
    count.textContent = desired
      ? t("desired-view:pairs.count", { count: drawn.arcs })
      : t("lot.arcCount", { count: drawn.arcs }) + (view.outside ? ` ${t("lot.crossingCount", { count: drawn.crossings })}` : "");
    legendSlot.replaceChildren(desired ? desiredLegend(t) : legend(t));
    pairs.hidden = !desired;
    pairs.replaceChildren(pairs.firstChild!, ...(desired ? [h("div", { class: "table-scroll" }, pairTable(t, comparedPairs(graph.graph), names))] : []));
    caption = {
      title: `${t("lot.number", { number: graph.lot.number })}: ${graph.lot.name}`,
      detail: [
        graph.wave.name,
        view.layer === "all" ? t("controls.allForms") : t(`common:formsShort.${view.layer}`),
        desired ? t("desired-view:picture.desired") : t(`controls.modes.${view.missing}`),
      ].join(" · "),
    };
  }

  function renderControls(graph: GraphResponse): void {
    const reload = () => void load().catch(page.fail);
    const outside = h("input", { type: "checkbox", name: "outside", checked: view.outside });
    outside.addEventListener("change", () => {
      view.outside = outside.checked;
      reload();
    });
    controls.replaceChildren(...viewSwitches(t, graph.waves, view, reload), h("label", { class: "checkbox" }, outside, " ", t("controls.outside")));
  }

  await load();
} catch (err) {
  page.fail(err);
}
