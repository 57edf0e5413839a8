import type { TFunction } from "i18next";
import type { ComposableOrganisation } from "../../api/composition/composition-schema.ts";
import type { Proposal, ProposedLot } from "../../api/schema/proposals.ts";
import { enableChipDrag } from "./chip-drag.ts";
import { h } from "../shared/dom.ts";
import type { OrganisationBook } from "./organisation-book.ts";
import { POOL, lotIndexOf } from "./proposal-edits.ts";

export interface BoardActions {
  move(organisation: string, zone: number): void;
  toggleCoordinator(organisation: string): void;
  renameLot(index: number, name: string): void;
  removeLot(index: number): void;
  addLot(): void;
}

/**
 * The lots of one proposal as columns of organisation chips, after the pool of the
 * organisations in no lot (`organisation-pool.ts`, which fills its own column). Chips
 * move by dragging, or from the keyboard with the left and right arrows (to the
 * previous or next column); a click or Enter makes a member the coordinator. Only the
 * columns of lots an edit changed are drawn again. Figures and highlights are painted
 * onto this structure separately (`lot-figures.ts`), so that a check arriving mid-drag
 * does not disturb the drag.
 */
export class Board {
  private proposal: Proposal | null = null;
  private readonly grid = h("div", { class: "board-grid" });
  private columns: HTMLElement[] = [];
  private drawn: readonly ProposedLot[] = [];

  constructor(
    root: HTMLElement,
    private readonly book: OrganisationBook,
    pool: HTMLElement,
    private readonly actions: BoardActions,
    private readonly t: TFunction,
  ) {
    enableChipDrag(root, (org, zone) => actions.move(org, zone));
    root.addEventListener("click", (e) => {
      const chip = (e.target as Element).closest<HTMLElement>(".chip[data-org]");
      if (chip && chip.closest("[data-zone]")?.getAttribute("data-zone") !== String(POOL)) actions.toggleCoordinator(chip.dataset.org!);
    });
    root.addEventListener("keydown", (e) => this.onKey(e));
    const help = h("p", { class: "board-help muted", id: "chip-help" }, t("board.keyboardHelp"));
    const legend = h("p", { class: "legend muted" });
    for (const kind of ["coordinator", "newcomer", "hub"]) {
      const item = h("span", { class: `legend-item legend-${kind}` }, t(`legend.${kind}`));
      item.prepend(h("span", { class: "legend-dot" }));
      legend.append(item);
    }
    this.grid.append(pool);
    root.replaceChildren(help, legend, this.grid, h("button", { type: "button", class: "secondary add-lot", onclick: () => this.actions.addLot() }, t("board.addLot")));
  }

  /** Draw the lots of `proposal`: only the columns whose lot changed, or all when the number of lots did or `everything` is asked. */
  render(proposal: Proposal, everything = false): void {
    this.proposal = proposal;
    const lots = proposal.lots;
    if (everything || lots.length !== this.drawn.length) {
      this.columns.forEach((c) => c.remove());
      this.columns = lots.map((lot, i) => this.column(i, lot, lots.length));
      this.grid.append(...this.columns);
    } else {
      lots.forEach((lot, i) => {
        if (lot === this.drawn[i]) return;
        const column = this.column(i, lot, lots.length);
        this.columns[i]!.replaceWith(column);
        this.columns[i] = column;
      });
    }
    this.drawn = lots;
  }

  private column(zone: number, lot: ProposedLot, lotCount: number): HTMLElement {
    const t = this.t;
    const { name, members } = lot;
    const col = h("section", { class: "lot" });
    col.dataset.zone = String(zone);
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
    const chips = h("div", { class: "chips" });
    chips.setAttribute("role", "group");
    chips.setAttribute("aria-label", name);
    for (const id of members) chips.append(organisationChip(this.book.get(id), id, true, id === lot.coordinator, t));
    if (!members.length) chips.append(h("p", { class: "muted empty" }, t("board.dropHere")));
    col.append(
      h("header", { class: "lot-head" }, input, remove),
      h("dl", { class: "figures" }),
      h("div", { class: "lot-network" }),
      h("p", { class: "lot-problem error-text" }),
      chips,
    );
    return col;
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

/** Redraw with `draw`, keeping the keyboard on the chip it was on, wherever that organisation is drawn now. */
export function keepChipFocus(draw: () => void): void {
  const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(".chip[data-org]")?.dataset.org;
  draw();
  if (focused && document.activeElement?.closest(".chip[data-org]")?.getAttribute("data-org") !== focused) {
    document.querySelector<HTMLElement>(`.chip[data-org="${CSS.escape(focused)}"]`)?.focus();
  }
}

/** An organisation as a chip: name, sector and size, badges; `inLot` chips toggle the coordinator role. */
export function organisationChip(o: ComposableOrganisation | undefined, id: string, inLot: boolean, isCoordinator: boolean, t: TFunction): HTMLElement {
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
