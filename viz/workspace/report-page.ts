import type { TFunction } from "i18next";
import type { FeedbackReport } from "../../api/reports/feedback-report.ts";
import { h } from "../shared/dom.ts";
import { formatDate, formatDateTime } from "../shared/format.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { ApiError, apiFetch } from "../shared/api.ts";
import { LANGUAGES, LANGUAGE_NAMES, i18next, initI18n, setLanguage, type Language } from "../shared/i18n.ts";
import { requireStaffToken } from "../shared/session.ts";
import { signInAgain } from "../shared/topbar.ts";
import { formatNumber, formatPercent } from "../shared/format.ts";
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

function lotSection(t: TFunction, r: FeedbackReport): HTMLElement {
  const f = r.figures;
  const withheld = new Set<string>(f.withheld);
  const figureRow = (label: string, value: string, meaning: string, key: string) =>
    h("tr", { "data-figure": key }, h("th", { scope: "row" }, label), h("td", { class: "num" }, value), h("td", { class: "meaning" }, withheld.has(key.replace(/-.*/, "")) ? t("lot.withheld") : meaning));
  return h(
    "section",
    { class: "lot-figures" },
    h("h2", {}, t("lot.title")),
    h("p", {}, t("lot.intro", { lot: t("lotNumber", { number: r.lot.number }) })),
    h(
      "table",
      { class: "figure-table" },
      h(
        "tbody",
        {},
        figureRow(t("lot.members"), String(f.n), t("lot.membersMeaning"), "n"),
        figureRow(t("lot.responseRate"), `${formatPercent(f.responseRate)} (${f.respondents}/${f.n})`, t("lot.responseRateMeaning"), "responseRate"),
        figureRow(t("lot.density"), formatNumber(f.density), t("lot.densityMeaning"), "density"),
        figureRow(t("lot.meanContribution"), formatNumber(f.meanContribution), t("lot.meanContributionMeaning"), "meanContribution"),
        ...FORMS.map((form) => figureRow(t("lot.depth", { form: t(`common:formsShort.${form}`) }), formatPercent(f.depth?.[form]), t("lot.depthMeaning"), `depth-${form}`)),
        f.coordinator &&
          figureRow(t("lot.dominance", { name: f.coordinator.name }), formatNumber(f.coordinator.dominanceIndex), t("lot.dominanceMeaning"), "dominanceIndex"),
      ),
    ),
  );
}

function relianceSection(t: TFunction, r: FeedbackReport): HTMLElement {
  const rel = r.reliance;
  const box = (value: string, label: string, key: string) => h("div", { "data-figure": key }, h("strong", {}, value), h("span", {}, label));
  return h(
    "section",
    { class: "reliance" },
    h("h2", {}, t("reliance.title")),
    rel.shown
      ? h(
          "div",
          {},
          h("p", {}, t("reliance.intro", { count: rel.namedBy, others: rel.otherRespondents })),
          h(
            "div",
            { class: "reliance-figures" },
            box(formatNumber(rel.inStrength), t("reliance.inStrength"), "inStrength"),
            box(formatNumber(rel.meanScoreReceived), t("reliance.meanScore"), "meanScoreReceived"),
            box(t("reliance.rankValue", { rank: rel.rank, n: rel.of }), t("reliance.rank"), "rank"),
            box(formatNumber(rel.lotMeanInStrength), t("reliance.lotMean"), "lotMeanInStrength"),
          ),
          h("p", { class: "muted small" }, t("reliance.reading")),
        )
      : h("p", { class: "hidden-reliance" }, t("reliance.hidden", { count: rel.otherRespondents })),
  );
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
