import type { Forms, Tie } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { h } from "../shared/dom.ts";
import { i18next } from "../shared/i18n.ts";
import { CircleAnswers, type Change } from "./circle-answers.ts";
import type { CircleDrawing } from "./circle-drawing.ts";
import { PartnerForm } from "./partner-form.ts";
import { PartnerTray } from "./partner-tray.ts";
import type { RosterPartner } from "./roster.ts";

export interface DesiredStepParts {
  tray: HTMLElement;
  form: HTMLElement;
  /** Where a partner dragged from the tray means "no collaboration wanted". */
  noneZone: HTMLElement;
  drawing: CircleDrawing;
}

/**
 * The desired situation (the wave asks `desired`): where the respondent would want
 * each partner, on the same disc as the current circle and in a form of its own.
 * Desired scores are placed like current ones; "no collaboration wanted" is a mark
 * of its own, for partners of the current circle, saved as `desired: {}`. Setting a
 * desired score takes that mark away, and marking it takes the scores away.
 */
export class DesiredStep {
  readonly answers: CircleAnswers;
  readonly tray: PartnerTray;
  readonly form: PartnerForm;
  private readonly none = new Set<string>();

  constructor(
    parts: DesiredStepParts,
    ties: readonly Tie[],
    private readonly roster: () => RosterPartner[],
    private readonly current: CircleAnswers,
    onRemovePartner: (id: string) => void,
    private readonly onChange: (announcement: string) => void,
  ) {
    this.answers = new CircleAnswers(() => this.roster().map((p) => p.id));
    this.answers.load(ties, (t) => t.desired);
    for (const t of ties) if (t.desired && Object.keys(t.desired).length === 0) this.none.add(t.partner);
    this.form = new PartnerForm(parts.form, this.answers, onRemovePartner, {
      idPrefix: "desired",
      extras: {
        lead: () => [h("p", { class: "now-line muted" })],
        render: (p) => this.rowExtras(p),
        sync: (partner, row) => this.syncRow(partner, row),
      },
    });
    this.tray = new PartnerTray(parts.tray, parts.drawing, this.answers, (id) => this.form.focus(id), {
      decorate: (chip, partner) => this.decorate(chip, partner),
      dropTargets: [{ element: parts.noneZone, drop: (partner) => this.setNone(partner, true) }],
    });
    this.answers.onChange((changes) => this.changed(changes));
  }

  /** Per partner the desired scores, `{}` for "no collaboration wanted". */
  value(): Map<string, Forms> {
    return new Map([...this.answers.ties().map((t): [string, Forms] => [t.partner, t.forms]), ...[...this.none].map((p): [string, Forms] => [p, {}])]);
  }

  render(roster: readonly RosterPartner[]): void {
    this.tray.render(roster);
    this.form.render(roster);
  }

  /** The current circle changed (or the step is shown): who needs a desired place may have changed too. */
  refresh(): void {
    for (const p of this.roster()) {
      this.tray.sync(p.id);
      this.form.sync(p.id);
    }
  }

  setReadOnly(readOnly: boolean): void {
    this.form.setReadOnly(readOnly);
  }

  /** A partner taken off the list loses its desired answers with it. */
  forget(partner: string): void {
    this.none.delete(partner);
    this.answers.forget(partner);
  }

  private inCurrent(partner: string): boolean {
    return this.current.ties().some((t) => t.partner === partner);
  }

  private needsPlace(partner: string): boolean {
    return this.inCurrent(partner) && !this.none.has(partner) && !this.answers.ties().some((t) => t.partner === partner);
  }

  private nameOf(partner: string): string {
    return this.roster().find((p) => p.id === partner)?.name ?? partner;
  }

  private setNone(partner: string, on: boolean): void {
    const name = this.nameOf(partner);
    if (on && !this.inCurrent(partner)) {
      this.onChange(i18next.t("desired:announce.notCurrent", { name }));
      return;
    }
    if (on === this.none.has(partner)) return;
    if (on) {
      this.answers.forget(partner);
      this.none.add(partner);
    } else this.none.delete(partner);
    this.tray.sync(partner);
    this.form.sync(partner);
    this.onChange(i18next.t(on ? "desired:announce.none" : "desired:announce.noneOff", { name }));
  }

  private changed(changes: Change[]): void {
    const partners = new Set(changes.map((c) => c.partner));
    // A desired place given takes "no collaboration wanted" back; removals (a mark being set) do not.
    for (const c of changes) if (c.score !== undefined) this.none.delete(c.partner);
    for (const p of partners) {
      this.tray.sync(p);
      this.form.sync(p);
    }
    this.onChange(changes.map((c) => this.describe(c)).join(" "));
  }

  private describe({ partner, form, score }: Change): string {
    const name = this.nameOf(partner);
    const formName = i18next.t(`common:formsShort.${form}`);
    if (score === undefined) return i18next.t("desired:announce.removed", { name, form: formName });
    if (score === null) return i18next.t("desired:announce.unscored", { name, form: formName });
    return i18next.t("desired:announce.set", { name, form: formName, score });
  }

  private rowExtras(p: RosterPartner): Node[] {
    const t = i18next.t;
    const box = h("input", { type: "checkbox", class: "none-box" });
    box.addEventListener("change", () => this.setNone(p.id, box.checked));
    return [
      h("label", { class: "none-line" }, box, h("span", {}, t("desired:form.none"))),
      h("p", { class: "todo-note" }, t("desired:form.todo")),
    ];
  }

  private syncRow(partner: string, row: HTMLElement): void {
    const t = i18next.t;
    const now = this.current.ties().find((tie) => tie.partner === partner);
    row.querySelector(".now-line")!.textContent = now
      ? t("desired:form.now", { forms: FORMS.filter((f) => now.forms[f] !== undefined).map((f) => `${t(`common:formsShort.${f}`)} ${now.forms[f]}`).join(", ") })
      : t("desired:form.nowNone");
    row.querySelector<HTMLElement>(".none-line")!.hidden = !now;
    row.querySelector<HTMLInputElement>(".none-box")!.checked = this.none.has(partner);
    const todo = this.needsPlace(partner);
    row.querySelector<HTMLElement>(".todo-note")!.hidden = !todo;
    row.classList.toggle("todo", todo);
    row.classList.toggle("none-wanted", this.none.has(partner));
  }

  private decorate(chip: HTMLElement, partner: string): void {
    const none = this.none.has(partner);
    const todo = this.needsPlace(partner);
    chip.dataset.state = none ? "none" : todo ? "todo" : "";
    if (none) chip.querySelector(".chip-marks")!.append(h("span", { class: "mark none-mark" }, "–"));
    const placed = chip.querySelector(".chip-placed")!;
    if (none || todo) placed.textContent = i18next.t(none ? "desired:chip.none" : "desired:chip.todo");
  }
}
