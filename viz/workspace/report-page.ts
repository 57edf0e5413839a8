import type { TFunction } from "i18next";
import type { FeedbackReport } from "../../api/schema/answers.ts";
import { h } from "../shared/dom.ts";
import { formatDate, formatDateTime, formatPercent } from "../shared/format.ts";
import { ApiError, apiFetch } from "../shared/api.ts";
import { LANGUAGES, LANGUAGE_NAMES, i18next, initI18n, setLanguage, type Language } from "../shared/i18n.ts";
import { requireStaffToken } from "../shared/session.ts";
import { signInAgain } from "../shared/session.ts";
import { readOnlyCircle, tiesTable } from "./read-only-circle.ts";
import { enc } from "./workspace-page.ts";
import "./report.css";

/**
 * The feedback report of one organisation, printable on A4 and in all four
 * languages (it goes to respondents). Staff open it at /reports/:waveId/:organisationId;
 * a respondent opens its own at /c/:token/report once the wave has closed. It
 * shows only the organisation's own circle and aggregates over its partners.
 */

const respondent = /^\/c\/([^/]+)\/report$/.exec(location.pathname);
const token = respondent ? decodeURIComponent(respondent[1]!) : requireStaffToken();
const t = await initI18n(["report"], LANGUAGES);
const main = document.getElementById("main")!;
const toolbar = document.getElementById("report-toolbar")!;

function renderToolbar(back: { href: string; label: string } | null, printable = true): void {
  const select = h("select", { name: "language" }, ...LANGUAGES.map((l) => new Option(LANGUAGE_NAMES[l], l, false, l === i18next.language)));
  select.addEventListener("change", () => void setLanguage(select.value as Language).then(() => location.reload()));
  toolbar.replaceChildren(
    h("span", { class: "brand" }, t("common:brand")),
    ...(back ? [h("a", { href: back.href, class: "no-print" }, back.label)] : []),
    h("span", { class: "spacer" }),
    h("label", {}, h("span", {}, t("toolbar.language")), select),
    ...(printable ? [h("button", { type: "button", onclick: () => print() }, t("toolbar.print"))] : []),
  );
}


function circleSection(t: TFunction, r: FeedbackReport): HTMLElement {
  if (!r.circle) return h("section", { class: "own-circle" }, h("h2", {}, t("circle.title")), h("p", {}, t("circle.none")));
  const picture = h("div", { class: "circle-picture" });
  const names = new Map(r.circle.partners.map((p) => [p.id, p.name]));
  const ties = r.circle.ties.length === 0 ? h("p", {}, t("circle.empty")) : tiesTable(t, r.circle.ties, t("circle.partner"), (id) => [names.get(id) ?? id]);
  const section = h(
    "section",
    { class: "own-circle" },
    h("h2", {}, t("circle.title")),
    h("p", {}, t("circle.intro", { date: formatDateTime(r.circle.submittedAt) })),
    h("div", { class: "report-circle" }, picture, ties),
    h("p", { class: "muted small" }, t("circle.scale")),
  );
  readOnlyCircle(picture, t, { centre: r.organisation, partners: r.circle.partners, ties: r.circle.ties, title: t("circle.pictureTitle", { name: r.organisation.name }) });
  return section;
}

/** The reason a figure was held back, in the reader's language; null when it is shown. */
function heldBack(t: TFunction, r: FeedbackReport, figure: FeedbackReport["withheld"][number]["figure"]): string | null {
  const w = r.withheld.find((x) => x.figure === figure);
  return w ? t(`withheld.${w.reason}`, { count: r.figures.otherRespondents }) : null;
}

/** A range of counts: "3–5 of 12". */
const range = (t: TFunction, b: { from: number; to: number; of: number }) => t("range", { from: b.from, to: b.to, of: b.of });
/** A mean rounded to a point of the scale: "3 · Large contribution". */
const point = (t: TFunction, p: number) => `${p} · ${t(`common:scores.${p}`)}`;

function lotSection(t: TFunction, r: FeedbackReport): HTMLElement {
  const f = r.figures;
  const row = (key: string, label: string, value: string, meaning: string, held: string | null = null) =>
    h("tr", { "data-figure": key, ...(held && { class: "held-back" }) }, h("th", { scope: "row" }, label), h("td", { class: "num" }, held ? "—" : value), h("td", { class: "meaning" }, held ?? meaning));
  return h(
    "section",
    { class: "lot-figures" },
    h("h2", {}, t("lot.title")),
    h("p", {}, t("lot.intro", { lot: t("lotNumber", { number: r.lot.number }), count: f.otherRespondents })),
    h(
      "table",
      { class: "figure-table" },
      h(
        "tbody",
        {},
        row("n", t("lot.members"), String(f.n), t("lot.membersMeaning")),
        f.coordinator && row("coordinator", t("lot.coordinator"), f.coordinator.name, t("lot.coordinatorMeaning")),
        row("responseRate", t("lot.responseRate"), `${formatPercent(f.responseRate)} (${f.respondents}/${f.n})`, t("lot.responseRateMeaning")),
        row("ties", t("lot.ties"), f.ties ? range(t, f.ties) : "", t("lot.tiesMeaning"), heldBack(t, r, "ties")),
        row("meanScore", t("lot.meanScore"), f.meanScore ? point(t, f.meanScore) : "", t("lot.meanScoreMeaning"), heldBack(t, r, "meanScore")),
      ),
    ),
  );
}

function relianceSection(t: TFunction, r: FeedbackReport): HTMLElement {
  const rel = r.reliance;
  const box = (key: string, value: string, label: string, held: string | null) =>
    h("div", { "data-figure": key, ...(held && { class: "held-back" }) }, h("strong", {}, held ? "—" : value), h("span", {}, label), held && h("span", { class: "reason" }, held));
  return h(
    "section",
    { class: "reliance" },
    h("h2", {}, t("reliance.title")),
    h(
      "div",
      { class: "reliance-figures" },
      box("namedBy", rel.namedBy ? range(t, rel.namedBy) : "", t("reliance.namedBy"), heldBack(t, r, "namedBy")),
      box("meanScoreReceived", rel.meanScoreReceived ? point(t, rel.meanScoreReceived) : "", t("reliance.meanScore"), heldBack(t, r, "meanScoreReceived")),
    ),
    h("p", { class: "muted small" }, t("reliance.reading")),
  );
}

/** Said once, above the figures, when any figure is held back. */
function heldBackNotice(t: TFunction): HTMLElement {
  return h("p", { class: "held-back-notice", role: "note" }, t("withheld.notice"));
}

function render(r: FeedbackReport): void {
  document.title = `${t("title")} · ${r.organisation.name} · ${t("common:brand")}`;
  main.replaceChildren(
    h("p", { class: "eyebrow" }, r.call.name),
    h("h1", {}, t("title")),
    h("p", { class: "subtitle" }, t("subtitle", { organisation: r.organisation.name, lot: t("lotNumber", { number: r.lot.number }), wave: r.wave.name })),
    h("p", { class: "muted" }, t("meta", { lot: r.lot.name, opens: formatDate(r.wave.opens), closes: formatDate(r.wave.closes), role: t(`roles.${r.organisation.role}`) })),
    h("p", {}, t("intro")),
    h("p", { class: "privacy" }, t("privacy")),
    circleSection(t, r),
    ...(r.withheld.length ? [heldBackNotice(t)] : []),
    lotSection(t, r),
    relianceSection(t, r),
    h("footer", {}, t("footer", { date: formatDate(new Date().toISOString().slice(0, 10)) })),
  );
  main.removeAttribute("aria-busy");
}

/** Instead of the report: why it cannot be shown (yet). Waiting for the wave to close is no error. */
function instead(message: string, waiting: boolean): void {
  main.replaceChildren(h("div", { class: `notice ${waiting ? "notice-wait" : "notice-error"}`, role: waiting ? "status" : "alert" }, h("strong", {}, message)));
  main.removeAttribute("aria-busy");
}

try {
  if (respondent) {
    renderToolbar(null);
    render(await apiFetch<FeedbackReport>(token, "/api/my/report"));
  } else {
    const [, , waveId, organisationId] = location.pathname.split("/").map(decodeURIComponent);
    const r = await apiFetch<FeedbackReport>(token, `/api/reports/${enc(waveId!)}/${enc(organisationId!)}`);
    renderToolbar({ href: `/lots/${enc(r.lot.id)}?wave=${enc(r.wave.id)}`, label: t("toolbar.back", { number: r.lot.number }) });
    render(r);
  }
} catch (err) {
  if (!(err instanceof ApiError)) throw err;
  if (!respondent && err.status === 401) signInAgain("expired");
  renderToolbar(null, false);
  if (err.code === "wave_not_closed") instead(t("notClosed"), true);
  else instead(t(`errors.${err.code}`, { defaultValue: t("errors.other") }), false);
}
