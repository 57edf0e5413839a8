import type { TFunction } from "i18next";
import type { ComposableOrganisation, Proposal } from "../../api/composition/composition-schema.ts";
import { enableChipDrag } from "./chip-drag.ts";
import { h } from "../shared/dom.ts";
import { POOL, lotIndexOf } from "./proposal-edits.ts";

export interface BoardActions {
  move(organisation: string, zone: number): void;
  toggleCoordinator(organisation: string): void;
  renameLot(index: number, name: string): void;
  removeLot(index: number): void;
  addLot(): void;
}

/**
 * The lots of one proposal as columns of organisation chips, after a pool of the
 * organisations in no lot. Chips move by dragging, or from the keyboard with the left
 * and right arrows (to the previous or next column); a click or Enter makes a member
 * the coordinator. Figures and highlights are painted onto this structure separately
 * (`lot-figures.ts`), so that a check arriving mid-drag does not disturb the drag.
 */
export class Board {
  private proposal: Proposal | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly organisations: ReadonlyMap<string, ComposableOrganisation>,
    private readonly actions: BoardActions,
  ) {
    enableChipDrag(root, (org, zone) => actions.move(org, zone));
    root.addEventListener("click", (e) => {
      const chip = (e.target as Element).closest<HTMLElement>(".chip[data-org]");
      if (chip && chip.closest("[data-zone]")?.getAttribute("data-zone") !== String(POOL)) actions.toggleCoordinator(chip.dataset.org!);
    });
    root.addEventListener("keydown", (e) => this.onKey(e));
  }

  render(proposal: Proposal, t: TFunction): void {
    this.proposal = proposal;
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(".chip[data-org]")?.dataset.org;
    const placed = new Set(proposal.lots.flatMap((l) => l.members));
    const pool = [...this.organisations.values()]
      .filter((o) => o.kind !== "external" && !placed.has(o.id))
      .map((o) => o.id);

    const help = h("p", { class: "board-help muted" }, t("board.keyboardHelp"));
    help.id = "chip-help";
    const legend = h("p", { class: "legend muted" });
    for (const kind of ["coordinator", "newcomer", "hub"]) {
      const item = h("span", { class: `legend-item legend-${kind}` }, t(`legend.${kind}`));
      item.prepend(h("span", { class: "legend-dot" }));
      legend.append(item);
    }
    const grid = h("div", { class: "board-grid" });
    grid.append(this.column(POOL, t("board.pool"), pool, null, t, proposal.lots.length));
    proposal.lots.forEach((lot, i) => grid.append(this.column(i, lot.name, lot.members, lot.coordinator ?? null, t, proposal.lots.length)));
    const add = h("button", { type: "button", class: "secondary add-lot", onclick: () => this.actions.addLot() }, t("board.addLot"));
    this.root.replaceChildren(help, legend, grid, add);
    if (focused) this.root.querySelector<HTMLElement>(`.chip[data-org="${CSS.escape(focused)}"]`)?.focus();
  }

  private column(zone: number, name: string, members: string[], coordinator: string | null, t: TFunction, lotCount: number): HTMLElement {
    const col = h("section", { class: zone === POOL ? "lot pool" : "lot" });
    col.dataset.zone = String(zone);
    const head = h("header", { class: "lot-head" });
    if (zone === POOL) {
      head.append(h("h3", {}, name));
    } else {
      // A text area that grows with the name, so a long lot name is read whole rather than cut off.
      const input = h("textarea", { class: "lot-name", rows: 1 });
      input.value = name;
      input.setAttribute("aria-label", t("board.lotName", { n: zone + 1 }));
      const fit = () => {
        input.style.height = "auto";
        input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
      };
      input.addEventListener("input", fit);
      requestAnimationFrame(fit);
      // One line of text: Enter ends the edit.
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          input.blur();
        }
      });
      input.addEventListener("change", () => {
        const v = input.value.replace(/\s+/g, " ").trim();
        if (v) this.actions.renameLot(zone, v);
        else input.value = name;
      });
      const remove = h("button", { type: "button", class: "icon", onclick: () => this.actions.removeLot(zone) }, "×");
      remove.title = t("board.removeLot", { name });
      remove.setAttribute("aria-label", remove.title);
      remove.disabled = lotCount < 2;
      head.append(input, remove);
      col.append(head, h("dl", { class: "figures" }), h("div", { class: "lot-network" }), h("p", { class: "lot-problem error-text" }));
    }
    if (zone === POOL) col.append(head, h("p", { class: "muted pool-note" }, t("board.poolNote")));
    const chips = h("div", { class: "chips" });
    chips.setAttribute("role", "group");
    chips.setAttribute("aria-label", name);
    for (const id of members) chips.append(this.chip(id, zone !== POOL, id === coordinator, t));
    if (!members.length) chips.append(h("p", { class: "muted empty" }, t(zone === POOL ? "board.poolEmpty" : "board.dropHere")));
    col.append(chips);
    return col;
  }

  private chip(id: string, inLot: boolean, isCoordinator: boolean, t: TFunction): HTMLElement {
    const o = this.organisations.get(id);
    const chip = h("div", { class: isCoordinator ? "chip coordinator" : "chip" });
    chip.dataset.org = id;
    chip.tabIndex = 0;
    chip.setAttribute("role", "button");
    chip.setAttribute("aria-describedby", "chip-help");
    if (inLot) chip.setAttribute("aria-pressed", String(isCoordinator));
    const meta = [o?.sector, o?.size && t(`size.${o.size}`)].filter(Boolean).join(" · ");
    chip.append(h("span", { class: "chip-name" }, o?.name ?? id), h("span", { class: "chip-meta" }, meta), h("span", { class: "badges" }));
    if (isCoordinator) chip.querySelector(".badges")!.append(h("span", { class: "badge badge-coordinator" }, t("badge.coordinator")));
    if (o?.currentLot) chip.title = t("board.currentLot", { lot: o.currentLot.name });
    return chip;
  }

  private onKey(e: KeyboardEvent): void {
    const chip = (e.target as Element).closest<HTMLElement>(".chip[data-org]");
    if (!chip || !this.proposal) return;
    const org = chip.dataset.org!;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      if (lotIndexOf(this.proposal, org) !== POOL) this.actions.toggleCoordinator(org);
      return;
    }
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    // Columns run pool (-1), lot 0, lot 1, …; the arrows step through them and stop at the ends.
    const to = lotIndexOf(this.proposal, org) + (e.key === "ArrowRight" ? 1 : -1);
    if (to >= POOL && to < this.proposal.lots.length) this.actions.move(org, to);
  }
}
