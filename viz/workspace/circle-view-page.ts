import type { circleContext } from "../../api/circles/circle-context.ts";
import type { CircleVersion, VersionSummary } from "../../api/schema/answers.ts";
import type { Tie } from "../../api/schema/call-document.ts";
import { highestScore } from "../../api/schema/forms.ts";
import { desiredChange } from "../../api/schema/desired-change.ts";
import { CHANNELS } from "../../api/schema/channels.ts";
import { h, type Child } from "../shared/dom.ts";
import { formatDateTime } from "../shared/format.ts";
import type { CirclePartner } from "../circle/circle-drawing.ts";
import { svgDownloads } from "./picture-download.ts";
import { readOnlyCircle, tiesTable } from "./read-only-circle.ts";
import { enc, pathParams, startWorkspacePage } from "./workspace-page.ts";
import "./workspace.css";

type Context = ReturnType<typeof circleContext>;

/**
 * A respondent's circle as they drew it, for evaluators: the same d3 drawing as
 * the circle page, read-only, with the ties listed beside it. Shows the latest
 * version, and says plainly when that is a draft the figures do not use. When the
 * wave asks them, the answers beside the circle too: the desired circle, each tie's
 * current and desired score and channels, and the wishes for a next call.
 */
const page = await startWorkspacePage(["workspace", "desired-view"]);
const { t, main } = page;
const { waveId, organisationId } = pathParams<"waveId" | "organisationId">("/circles/:waveId/:organisationId");

try {
  const base = `/api/waves/${enc(waveId)}/circles/${enc(organisationId)}`;
  const [context, stored] = await Promise.all([
    page.api<Context>(`${base}/context`),
    page.api<{ current: CircleVersion | null; versions: VersionSummary[] }>(base),
  ]);
  const me = context.organisation;
  document.title = `${t("circleView.title", { name: me.name })} · ${t("common:brand")}`;
  const everyone = new Map<string, CirclePartner>([...context.partners, ...context.others].map((p) => [p.id, p]));
  const inLot = new Set(context.partners.map((p) => p.id));
  const current = stored.current;
  const lotLink = `/lots/${enc(context.lot.id)}?wave=${enc(context.wave.id)}`;

  const head = h(
    "div",
    { class: "page-head" },
    h(
      "div",
      {},
      h("p", { class: "eyebrow" }, h("a", { href: lotLink }, `${t("lot.number", { number: context.lot.number })} · ${context.lot.name}`), " · ", context.wave.name),
      h("h1", {}, t("circleView.title", { name: me.name })),
    ),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button-link", href: `/interviews/${enc(waveId)}/${enc(organisationId)}` }, t("circleView.interview")),
      h("a", { class: "button-link", href: `/reports/${enc(waveId)}/${enc(organisationId)}` }, t("circleView.report")),
    ),
  );

  if (!current) {
    main.replaceChildren(head, h("p", { class: "card" }, t("circleView.none", { name: me.name, wave: context.wave.name })));
  } else {
    const picture = h("div", { class: "circle-picture" });
    const pictureTitle = t("circleView.pictureTitle", { name: me.name });
    const note = h(
      "p",
      { class: `version-note ${current.status === "draft" ? "caveat" : "muted"}` },
      current.status === "submitted"
        ? t("circleView.submitted", { date: formatDateTime(current.submittedAt!) })
        : t("circleView.draft", { date: formatDateTime(current.savedAt) }),
      current.enteredBy && current.enteredBy !== "import" ? ` ${t("circleView.enteredBy", { who: current.enteredBy })}` : "",
    );
    const partnerCell = (id: string) => [
      everyone.get(id)?.name ?? id,
      !inLot.has(id) && h("span", { class: "muted small" }, ` (${t("circleView.outside")})`),
    ];
    // A collaboration only wished for has no forms: it is no tie of the current circle.
    const existing = current.ties.filter((tie) => Object.keys(tie.forms).length > 0);
    const ties = tiesTable(t, existing, t("circleView.partner"), partnerCell);
    const asks = context.wave.asks;
    const desiredPicture = h("div", { class: "circle-picture" });
    const desiredTitle = t("circleView.desiredTitle", { name: me.name });
    const beyond = [
      ...(asks.desired
        ? [h("section", { class: "card" }, h("div", { class: "section-head" }, h("h2", {}, t("circleView.desiredHeading")), svgDownloads(t, () => `circle_${waveId}_${organisationId}_desired`, () => desiredPicture.querySelector("svg")!, `${desiredTitle} · ${context.wave.name}`)), desiredPicture)]
        : []),
      ...(asks.nextPartners ? [nextCallCard(current.nextPartners)] : []),
      ...(asks.desired || asks.channels ? [h("section", { class: "card wide" }, h("h2", {}, t("circleView.answers")), answersTable(current.ties, asks, partnerCell))] : []),
    ];
    main.replaceChildren(
      head,
      h(
        "div",
        { class: "circle-view" },
        h(
          "section",
          { class: "card" },
          h("div", { class: "section-head" }, h("h2", {}, pictureTitle), svgDownloads(t, () => `circle_${waveId}_${organisationId}`, () => picture.querySelector("svg")!, `${pictureTitle} · ${context.wave.name}`)),
          note,
          picture,
        ),
        h("section", { class: "card" }, h("h2", {}, t("circleView.ties")), ties),
        ...beyond,
      ),
    );
    readOnlyCircle(picture, t, { centre: me, partners: [...everyone.values()], ties: existing, title: pictureTitle });
    if (asks.desired) {
      const desired = current.ties.flatMap((tie) => (tie.desired && Object.keys(tie.desired).length > 0 ? [{ partner: tie.partner, forms: tie.desired }] : []));
      readOnlyCircle(desiredPicture, t, { centre: me, partners: [...everyone.values()], ties: desired, title: desiredTitle });
    }
  }

  /** Each tie with its score now, and as wished with the change, and its channels: the columns the wave asks. */
  function answersTable(all: Tie[], asked: { desired: boolean; channels: boolean }, partner: (id: string) => Child[]) {
    const score = (w: number) => (w > 0 ? String(w) : t("desired-view:pairs.none"));
    const column = (label: string, numeric = false) => h("th", { scope: "col", class: numeric ? "num" : "" }, label);
    const head = [
      column(t("circleView.partner")),
      column(t("circleView.currentScore"), true),
      ...(asked.desired ? [column(t("circleView.desiredScore"), true), column(t("circleView.change"))] : []),
      ...(asked.channels ? [column(t("circleView.channels"))] : []),
    ];
    return h(
      "table",
      { class: "circle-answers" },
      h("thead", {}, h("tr", {}, ...head)),
      h(
        "tbody",
        {},
        ...all.map((tie) => {
          const c = highestScore(tie.forms);
          const d = tie.desired === undefined ? undefined : highestScore(tie.desired);
          return h(
            "tr",
            { "data-partner": tie.partner },
            h("th", { scope: "row" }, ...partner(tie.partner)),
            h("td", { class: "num" }, score(c)),
            ...(asked.desired
              ? [h("td", { class: "num" }, d === undefined ? "" : score(d)), h("td", {}, d === undefined ? "" : t(`desired-view:change.${desiredChange(c, d)}`))]
              : []),
            ...(asked.channels ? [h("td", {}, CHANNELS.filter((ch) => tie.channels?.includes(ch)).map((ch) => t(`common:channels.${ch}`)).join(", "))] : []),
          );
        }),
      ),
    );
  }

  /** With whom the respondent would (rather not) work in a next call: for staff only. */
  function nextCallCard(next: CircleVersion["nextPartners"]) {
    const names = (ids: string[] | undefined) => (ids?.length ? ids.map((id) => everyone.get(id)?.name ?? id).join(", ") : t("circleView.next.none"));
    return h(
      "section",
      { class: "card next-call" },
      h("h2", {}, t("circleView.next.heading")),
      h("dl", {}, h("dt", {}, t("circleView.next.with")), h("dd", { "data-wish": "with" }, names(next?.with)), h("dt", {}, t("circleView.next.without")), h("dd", { "data-wish": "without" }, names(next?.without))),
    );
  }
  main.removeAttribute("aria-busy");
} catch (err) {
  page.fail(err);
}
