import { drag, select } from "d3";
import { i18next } from "../shared/i18n.ts";
import type { CircleAnswers } from "./circle-answers.ts";
import type { CircleDrawing } from "./circle-drawing.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { spotAt } from "./circle-geometry.ts";
import { h } from "../shared/dom.ts";
import type { RosterPartner } from "./roster.ts";

/** A place beside the disc a chip can be dropped on, with what that means. */
export interface DropTarget {
  element: HTMLElement;
  drop: (partner: string) => void;
}

export interface TrayOptions {
  /** Hints a chip carries beyond its placements (the desired step marks who is still to place). */
  decorate?: (chip: HTMLElement, partner: string) => void;
  dropTargets?: readonly DropTarget[];
}

/**
 * The partners waiting beside the disc. A chip dragged into a cell places that
 * partner there; it stays in the tray, since a partner can sit in several sectors.
 * Pressing a chip takes the keyboard to the partner's row in the form.
 */
export class PartnerTray {
  constructor(
    private readonly root: HTMLElement,
    private readonly drawing: CircleDrawing,
    private readonly answers: CircleAnswers,
    private readonly onPick: (partner: string) => void,
    private readonly options: TrayOptions = {},
  ) {}

  render(roster: readonly RosterPartner[]): void {
    this.root.replaceChildren(
      ...roster.map((p) => {
        const chip = h("button", { type: "button", class: "tray-chip", "data-partner": p.id, "aria-describedby": `${this.root.id}-hint` });
        chip.append(
          h("span", { class: "chip-initials", "aria-hidden": "true" }, p.initials),
          h("span", { class: "chip-name" }, p.name),
          h("span", { class: "chip-marks", "aria-hidden": "true" }),
          h("span", { class: "chip-placed visually-hidden" }),
          h("span", { class: "chip-tip", "aria-hidden": "true" }, p.name),
        );
        chip.addEventListener("click", () => this.onPick(p.id));
        return chip;
      }),
    );
    for (const p of roster) this.sync(p.id);
    this.enableDrag();
  }

  /** Show which forms a partner has been placed in, with their scores. */
  sync(partner: string): void {
    const chip = this.root.querySelector<HTMLElement>(`.tray-chip[data-partner="${partner}"]`);
    if (!chip) return;
    const answer = this.answers.of(partner);
    const placed = FORMS.filter((f) => typeof answer[f] === "number");
    chip.querySelector(".chip-marks")!.replaceChildren(...placed.map((f) => h("span", { class: "mark", "data-form": f }, String(answer[f]))));
    chip.querySelector(".chip-placed")!.textContent = placed.length
      ? `: ${placed.map((f) => `${i18next.t(`common:formsShort.${f}`)} ${answer[f]}`).join(", ")}`
      : "";
    this.options.decorate?.(chip, partner);
  }

  private enableDrag(): void {
    const { drawing, answers } = this;
    const targets = this.options.dropTargets ?? [];
    /** The drop target under the pointer, if any (the pointer is outside the picture then). */
    const targetAt = (event: { sourceEvent: MouseEvent | TouchEvent }) => {
      const e = event.sourceEvent;
      const point = "changedTouches" in e ? e.changedTouches[0]! : e;
      return targets.find(({ element }) => {
        const r = element.getBoundingClientRect();
        return !element.hidden && point.clientX >= r.left && point.clientX <= r.right && point.clientY >= r.top && point.clientY <= r.bottom;
      });
    };
    let start = { x: 0, y: 0 };
    const behaviour = drag<HTMLButtonElement, unknown>()
      // Pointer positions in the picture's own units, so the drop needs no conversion.
      .container(() => drawing.svg)
      .clickDistance(4)
      .on("start", function (event: { x: number; y: number }) {
        start = { x: event.x, y: event.y };
      })
      .on("drag", function (event: { x: number; y: number; sourceEvent: MouseEvent | TouchEvent }) {
        const k = drawing.pixelsPerUnit();
        this.classList.add("dragging");
        this.style.transform = `translate(${(event.x - start.x) * k}px, ${(event.y - start.y) * k}px)`;
        drawing.highlight(spotAt(event.x, event.y));
        const over = targetAt(event);
        for (const t of targets) t.element.classList.toggle("drop-over", t === over);
      })
      .on("end", function (event: { x: number; y: number; sourceEvent: MouseEvent | TouchEvent }) {
        this.classList.remove("dragging");
        this.style.transform = "";
        drawing.highlight(null);
        for (const t of targets) t.element.classList.remove("drop-over");
        const spot = spotAt(event.x, event.y);
        if (spot.kind === "cell") answers.set(this.dataset.partner!, spot.form, spot.score);
        else targetAt(event)?.drop(this.dataset.partner!);
      });
    select(this.root).selectAll<HTMLButtonElement, unknown>(".tray-chip").call(behaviour);
  }
}
