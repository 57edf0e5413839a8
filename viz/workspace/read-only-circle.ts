import type { TFunction } from "i18next";
import type { Tie } from "../../api/schema/call-document.ts";
import { h, type Child } from "../shared/dom.ts";
import { drawCircle, type CirclePartner } from "../circle/circle-drawing.ts";
import { FORMS } from "../../api/schema/forms.ts";

/** A circle as its respondent drew it, with the capture page's own drawing, read-only. */
export function readOnlyCircle(container: HTMLElement, t: TFunction, circle: { centre: CirclePartner; partners: readonly CirclePartner[]; ties: readonly Tie[]; title: string }): void {
  drawCircle(container, {
    readOnly: true,
    partners: circle.partners,
    ties: circle.ties,
    labels: {
      forms: Object.fromEntries(FORMS.map((f) => [f, t(`common:formsShort.${f}`)])) as Record<(typeof FORMS)[number], string>,
      scores: { 1: t("common:scores.1"), 2: t("common:scores.2"), 3: t("common:scores.3"), 4: t("common:scores.4") },
      centre: circle.centre,
      title: circle.title,
    },
  });
}

/** The same circle as a table: a row per partner, a column per form with its score. */
export function tiesTable(t: TFunction, ties: readonly Tie[], partnerHeading: string, partner: (id: string) => Child[]): HTMLTableElement {
  return h(
    "table",
    { class: "circle-ties" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, partnerHeading), ...FORMS.map((f) => h("th", { scope: "col", class: `num form-${f}` }, t(`common:formsShort.${f}`))))),
    h(
      "tbody",
      {},
      ...ties.map((tie) =>
        h(
          "tr",
          { "data-partner": tie.partner },
          h("th", { scope: "row" }, ...partner(tie.partner)),
          ...FORMS.map((f) => h("td", { class: "num", title: tie.forms[f] ? t(`common:scores.${tie.forms[f]}`) : "" }, tie.forms[f] ? String(tie.forms[f]) : "")),
        ),
      ),
    ),
  );
}
