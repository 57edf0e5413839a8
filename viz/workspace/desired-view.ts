import type { TFunction } from "i18next";
import type { ChannelFigures, LotMetrics } from "../../api/analysis/metrics-schema.ts";
import { CHANNELS, isFormalChannel } from "../../api/schema/channels.ts";
import { DESIRED_CHANGES, type DesiredChange } from "../../api/schema/desired-change.ts";
import { h } from "../shared/dom.ts";
import { formatDelta, formatNumber, formatPercent } from "../shared/format.ts";
import { DESIRED_COLOURS, INK_SOFT } from "../shared/palette.ts";
import { drawnIn, type NetworkData, type PictureMode } from "./lot-renderer.ts";

/**
 * What the lot page shows of the questions a wave may add (docs/metrics.md, "Desired
 * situation" and "Channels"): the switch between the current network and the desired
 * situation, the desired view's legend and its table of pairs (the change in words,
 * never by colour alone), the desired figures with the coordinator's current and
 * desired share side by side, and how the collaborations are organised.
 */

const NS = "desired-view";

/** A legend sample: trusted markup of this module only. */
function swatch(body: string): HTMLElement {
  const svg = new DOMParser().parseFromString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="20" height="20">${body}</svg>`, "image/svg+xml").documentElement;
  return h("span", { class: "swatch", "aria-hidden": "true" }, document.importNode(svg, true) as unknown as SVGSVGElement);
}

const line = (colour: string, width = 3) => `<line x1="2" y1="10" x2="18" y2="10" stroke="${colour}" stroke-width="${width}"/>`;

/** The switch between the current network and the desired situation. */
export function pictureSwitch(t: TFunction, current: PictureMode, onPick: (mode: PictureMode) => void): HTMLElement {
  return h(
    "fieldset",
    { class: "segmented picture-switch" },
    h("legend", {}, t(`${NS}:picture.label`)),
    ...(["current", "desired"] as const).map((mode) => {
      const input = h("input", { type: "radio", name: "picture", value: mode, checked: mode === current });
      input.addEventListener("change", () => input.checked && onPick(mode));
      return h("label", { "data-value": mode }, input, h("span", {}, t(`${NS}:picture.${mode}`)));
    }),
  );
}

/** The legend of the desired view: a colour and a word per change, and what the width says. */
export function desiredLegend(t: TFunction): HTMLElement {
  return h(
    "div",
    { class: "legend desired-legend", "data-testid": "desired-legend" },
    h("ul", {}, ...DESIRED_CHANGES.map((change) => h("li", { "data-change": change }, swatch(line(DESIRED_COLOURS[change])), t(`${NS}:change.${change}`)))),
    h(
      "ul",
      {},
      h("li", {}, swatch(`<line x1="2" y1="5" x2="18" y2="5" stroke="${INK_SOFT}" stroke-width="0.8"/><line x1="2" y1="14" x2="18" y2="14" stroke="${INK_SOFT}" stroke-width="4.1"/>`), t(`${NS}:legend.width`)),
    ),
    h("p", { class: "muted small" }, t(`${NS}:legend.reading`)),
  );
}

/** A compared pair of the desired view, as the table lists it. */
interface Pair {
  from: string;
  to: string;
  current: number;
  desired: number;
  change: DesiredChange;
}

/** The pairs the desired view draws: every arc from a respondent and every wish, in the order of the changes. */
export function comparedPairs(data: NetworkData): Pair[] {
  const order = (c: DesiredChange) => DESIRED_CHANGES.indexOf(c);
  return data.edges
    .filter((e) => drawnIn("desired", e.attributes!))
    .map(({ source, target, attributes: a }) => ({ from: source, to: target, current: a!.weight, desired: a!.desiredWeight ?? 0, change: a!.desiredChange! }))
    .sort((x, y) => order(x.change) - order(y.change) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}

/** The pairs of the desired view in words: who, current and desired score, and the change named. */
export function pairTable(t: TFunction, pairs: Pair[], names: Map<string, string>): HTMLElement {
  const score = (s: number) => (s === 0 ? t(`${NS}:pairs.none`) : String(s));
  return h(
    "table",
    { class: "node-table pair-table", "data-testid": "desired-pairs" },
    h("caption", { class: "visually-hidden" }, t(`${NS}:pairs.caption`)),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t(`${NS}:pairs.from`)),
        h("th", { scope: "col" }, t(`${NS}:pairs.to`)),
        h("th", { scope: "col", class: "num" }, t(`${NS}:pairs.current`)),
        h("th", { scope: "col", class: "num" }, t(`${NS}:pairs.desired`)),
        h("th", { scope: "col" }, t(`${NS}:pairs.change`)),
      ),
    ),
    h(
      "tbody",
      {},
      ...pairs.map((p) =>
        h(
          "tr",
          { "data-change": p.change, "data-pair": `${p.from}->${p.to}` },
          h("th", { scope: "row" }, names.get(p.from) ?? p.from),
          h("td", {}, names.get(p.to) ?? p.to),
          h("td", { class: "num" }, score(p.current)),
          h("td", { class: "num" }, score(p.desired)),
          h("td", { class: "nowrap" }, swatch(line(DESIRED_COLOURS[p.change], 4)), " ", t(`${NS}:change.${p.change}`)),
        ),
      ),
    ),
  );
}

/**
 * The desired situation's figures, and the coordinator's share of the in-strength and
 * dominance now and as wished, side by side. `answered` is false when nobody responded.
 */
export function desiredFigures(t: TFunction, metrics: LotMetrics, answered: boolean): HTMLElement | null {
  const desired = metrics.desired;
  if (desired === null) return null;
  const shown = (v: number | null) => (answered ? v : null);
  const row = (key: string, value: string) => [h("dt", { title: t(`${NS}:figures.${key}.meaning`) }, t(`${NS}:figures.${key}.label`)), h("dd", { "data-figure": `desired.${key}` }, value)];
  const gap = desired.gap;
  const c = metrics.coordinator;
  return h(
    "div",
    { class: "desired-figures", "data-testid": "desired-figures" },
    h("h3", {}, t(`${NS}:figures.heading`)),
    h(
      "dl",
      { class: "figure-list" },
      ...row("m", answered ? String(desired.m) : "—"),
      ...row("density", formatNumber(shown(desired.density), 3)),
      ...row("meanContribution", formatNumber(shown(desired.meanContribution), 2)),
      ...DESIRED_CHANGES.flatMap((k) => row(k, answered ? String(gap[k]) : "—")),
      ...row("meanDelta", answered && gap.meanDelta !== null ? formatDelta(gap.meanDelta) : "—"),
    ),
    c !== null &&
      h(
        "table",
        { class: "shares", "data-testid": "coordinator-shares" },
        h("caption", {}, t(`${NS}:shares.caption`)),
        h("thead", {}, h("tr", {}, h("td", {}), h("th", { scope: "col", class: "num" }, t(`${NS}:shares.current`)), h("th", { scope: "col", class: "num" }, t(`${NS}:shares.desired`)))),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row" }, t("figures.inStrengthShare.label")),
            h("td", { class: "num", "data-figure": "inStrengthShare" }, formatPercent(shown(c.inStrengthShare))),
            h("td", { class: "num", "data-figure": "desiredInStrengthShare" }, formatPercent(shown(c.desiredInStrengthShare))),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, t("figures.dominanceIndex.label")),
            h("td", { class: "num", "data-figure": "dominanceIndex" }, formatNumber(shown(c.dominanceIndex), 3)),
            h("td", { class: "num", "data-figure": "desiredDominanceIndex" }, formatNumber(shown(c.desiredDominanceIndex), 3)),
          ),
        ),
      ),
  );
}

/** How the collaborations are organised: per channel the share of the arcs that list it, formal ones first, then the two sums. */
export function channelBreakdown(t: TFunction, channels: ChannelFigures | null): HTMLElement | null {
  if (channels === null) return null;
  const bar = (share: number | null, formal: boolean) => {
    const fill = h("span");
    fill.style.width = `${Math.round((share ?? 0) * 100)}%`;
    return h("span", { class: `share-bar${formal ? " formal" : ""}`, "aria-hidden": "true" }, fill);
  };
  const row = (key: string, label: string, share: number | null, formal: boolean, strong = false) =>
    h(
      "tr",
      { "data-channel": key, class: strong ? "sum" : "" },
      h("th", { scope: "row" }, label),
      h("td", {}, formal ? t(`${NS}:channels.formal`) : t(`${NS}:channels.informal`)),
      h("td", { class: "num", "data-figure": key }, formatPercent(share)),
      h("td", { class: "bar-cell" }, bar(share, formal)),
    );
  return h(
    "section",
    { class: "card channels-card", "data-testid": "channels" },
    h("h2", {}, t(`${NS}:channels.heading`)),
    h("p", { class: "muted small" }, t(`${NS}:channels.meaning`, { count: channels.answered })),
    h(
      "table",
      { class: "node-table channel-table" },
      h("caption", { class: "visually-hidden" }, t(`${NS}:channels.heading`)),
      h(
        "thead",
        {},
        h("tr", {}, h("th", { scope: "col" }, t(`${NS}:channels.channel`)), h("th", { scope: "col" }, t(`${NS}:channels.kind`)), h("th", { scope: "col", class: "num" }, t(`${NS}:channels.share`)), h("td", {})),
      ),
      h(
        "tbody",
        {},
        ...CHANNELS.map((c) => row(c, t(`common:channels.${c}`), channels.share[c], isFormalChannel(c))),
        row("formalShare", t(`${NS}:channels.formalShare`), channels.formalShare, true, true),
        row("informalOnlyShare", t(`${NS}:channels.informalOnlyShare`), channels.informalOnlyShare, false, true),
      ),
    ),
  );
}
