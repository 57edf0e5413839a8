import type { TFunction } from "i18next";
import type { ComposableOrganisation, LotFigures } from "../../api/composition/composition-schema.ts";
import { h } from "../shared/dom.ts";
import { formatNumber } from "../shared/format.ts";
import { drawLotNetwork, isHub } from "./lot-network.ts";

/** One figure of a lot: the shown text, and the API's value in `data-value` so that it can be checked. */
function figure(key: string, label: string, text: string | Node[], value: unknown, hint: string, wide = false): HTMLElement {
  const group = h("div", { class: wide ? "figure wide" : "figure" });
  const dt = h("dt", {}, label);
  dt.title = hint;
  const dd = h("dd");
  dd.append(...(typeof text === "string" ? [text] : text));
  dd.dataset.figure = key;
  dd.dataset.value = JSON.stringify(value);
  group.append(dt, dd);
  return group;
}

/**
 * Paint the check's figures onto a lot column drawn by the board: the figures list,
 * the network picture, and the newcomer and hub badges on its chips.
 */
export function paintLot(
  column: HTMLElement,
  lot: LotFigures,
  organisations: ReadonlyMap<string, ComposableOrganisation>,
  t: TFunction,
): void {
  const name = (id: string) => organisations.get(id)?.name ?? id;
  column.querySelector(".figures")!.replaceChildren(
    figure("priorDensity", t("figures.priorDensity"), formatNumber(lot.priorDensity, 2, true), lot.priorDensity, t("figures.priorDensityHint")),
    figure("newcomers", t("figures.newcomers"), String(lot.newcomers.length), lot.newcomers, t("figures.newcomersHint")),
    figure(
      "coordinatorPriorDegree",
      t("figures.coordinatorPriorDegree"),
      lot.coordinatorPriorDegree === null ? t("figures.noCoordinator") : t("figures.ties", { count: lot.coordinatorPriorDegree }),
      lot.coordinatorPriorDegree,
      t("figures.coordinatorPriorDegreeHint"),
    ),
    figure("smallFunds", t("figures.smallFunds"), t("figures.ofMembers", { n: lot.smallFunds.length, k: lot.size }), lot.smallFunds, t("figures.smallFundsHint")),
    figure(
      "hub",
      t("figures.hub"),
      // The name gives way (ellipsis) before the count of ties does.
      [Object.assign(h("span", { class: "hub-name" }, name(lot.hub)), { title: name(lot.hub) }), h("span", { class: "hub-ties" }, `· ${t("figures.ties", { count: lot.priorDegrees[lot.hub] })}`)],
      lot.hub,
      t("figures.hubHint"),
      true,
    ),
    figure("sectors", t("figures.sectors"), String(lot.sectors.length), lot.sectors, lot.sectors.join(", "), true),
  );
  drawLotNetwork(
    column.querySelector<HTMLElement>(".lot-network")!,
    lot,
    organisations,
    t("network.label", { lot: lot.name, ties: lot.priorTies.length, pairs: (lot.size * (lot.size - 1)) / 2 }),
  );
  const newcomers = new Set(lot.newcomers);
  for (const chip of column.querySelectorAll<HTMLElement>(".chip[data-org]")) {
    const id = chip.dataset.org!;
    chip.classList.toggle("newcomer", newcomers.has(id));
    chip.classList.toggle("hub", isHub(lot, id));
    const badges = chip.querySelector(".badges")!;
    badges.querySelectorAll(".badge-newcomer, .badge-hub").forEach((b) => b.remove());
    if (newcomers.has(id)) badges.append(h("span", { class: "badge badge-newcomer" }, t("badge.newcomer")));
    if (isHub(lot, id)) badges.append(h("span", { class: "badge badge-hub" }, t("badge.hub")));
  }
}
