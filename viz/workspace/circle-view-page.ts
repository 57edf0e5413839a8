import type { circleContext } from "../../api/circles/circle-context.ts";
import type { CircleVersion, VersionSummary } from "../../api/schema/answers.ts";
import { h } from "../shared/dom.ts";
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
 * version, and says plainly when that is a draft the figures do not use.
 */
const page = await startWorkspacePage();
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
    const ties = tiesTable(t, current.ties, t("circleView.partner"), (id) => [
      everyone.get(id)?.name ?? id,
      !inLot.has(id) && h("span", { class: "muted small" }, ` (${t("circleView.outside")})`),
    ]);
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
      ),
    );
    readOnlyCircle(picture, t, { centre: me, partners: [...everyone.values()], ties: current.ties, title: pictureTitle });
  }
  main.removeAttribute("aria-busy");
} catch (err) {
  page.fail(err);
}
