import type { TFunction } from "i18next";
import type { ComposableOrganisation, ProposalCheck, Warning } from "../../api/composition/composition-schema.ts";
import type { Proposal } from "../../api/schema/proposals.ts";
import { h } from "../shared/dom.ts";
import { formatNumber } from "../shared/format.ts";

/**
 * The proposals side by side: per proposal its totals (mean prior density, newcomers)
 * and how many warnings it has. `checks[i]` is null while proposal i has no figures
 * for its current composition (being checked, or breaking a rule).
 */
export function renderComparison(
  container: HTMLElement,
  proposals: Proposal[],
  checks: Array<ProposalCheck | null>,
  active: number,
  t: TFunction,
): void {
  const table = h("table", { class: "comparison" });
  table.append(h("caption", { class: "visually-hidden" }, t("comparison.caption")));
  const head = h("tr");
  head.append(h("th", {}, ""));
  proposals.forEach((p, i) => {
    const th = h("th", { class: i === active ? "num active" : "num" }, p.name);
    th.scope = "col";
    head.append(th);
  });
  table.append(h("thead"));
  table.tHead!.append(head);
  const body = h("tbody");
  const row = (key: string, label: string, cell: (c: ProposalCheck) => [text: string, value: unknown]) => {
    const tr = h("tr");
    const th = h("th", {}, label);
    th.scope = "row";
    tr.append(th);
    checks.forEach((c, i) => {
      const [text, value] = c ? cell(c) : ["…", null];
      const td = h("td", { class: i === active ? "num active" : "num" }, text);
      td.dataset.total = key;
      td.dataset.proposal = String(i);
      if (c) td.dataset.value = JSON.stringify(value);
      tr.append(td);
    });
    body.append(tr);
  };
  row("meanPriorDensity", t("comparison.meanPriorDensity"), (c) => [formatNumber(c.totals.meanPriorDensity, 2, true), c.totals.meanPriorDensity]);
  row("newcomers", t("comparison.newcomers"), (c) => [String(c.totals.newcomers), c.totals.newcomers]);
  row("lots", t("comparison.lots"), (c) => [String(c.lots.length), c.lots.length]);
  row("warnings", t("comparison.warnings"), (c) => [String(c.warnings.length), c.warnings.length]);
  table.append(body);
  container.replaceChildren(table);
}

/** A warning names this many organisations and counts the rest: with a long history, thousands can be left out. */
export const NAMED_IN_WARNING = 10;

/** The warnings of one proposal in words, with lot and organisation names. */
export function renderWarnings(
  container: HTMLElement,
  proposal: Proposal,
  check: ProposalCheck | null,
  organisations: ReadonlyMap<string, ComposableOrganisation>,
  t: TFunction,
): void {
  if (!check) return;
  const name = (id: string) => organisations.get(id)?.name ?? id;
  const text = (w: Warning) => {
    const lotIndex = /^lots\[(\d+)\]/.exec(w.path)?.[1];
    const lot = lotIndex === undefined ? "" : (proposal.lots[Number(lotIndex)]?.name ?? "");
    const names = w.organisations.slice(0, NAMED_IN_WARNING).map(name).join(", ");
    const rest = w.organisations.length - NAMED_IN_WARNING;
    const organisations = rest > 0 ? t("warnings.andMore", { names, count: rest }) : names;
    return t(`warnings.${w.code}`, { lot, organisations, count: w.organisations.length });
  };
  const list = h("ul", { class: "warnings" });
  for (const w of check.warnings) {
    const li = h("li", {}, text(w));
    li.dataset.warning = w.code;
    list.append(li);
  }
  const heading = h("h2", {}, t("warnings.title", { count: check.warnings.length }));
  heading.id = "warnings-heading";
  container.replaceChildren(
    heading,
    check.warnings.length ? list : h("p", { class: "muted" }, t("warnings.none")),
  );
}
