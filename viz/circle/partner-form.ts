import type { Form } from "../../api/schema/call-document.ts";
import { i18next } from "../shared/i18n.ts";
import type { CircleAnswers } from "./circle-answers.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { SCORES, type Score } from "./circle-geometry.ts";
import { h } from "../shared/dom.ts";
import type { RosterPartner } from "./roster.ts";

/** More controls in each partner's row (the channels, "no collaboration wanted"), kept by their owner. */
export interface RowExtras {
  /** Elements put first in a partner's row, under its name, each time the rows are rebuilt. */
  lead?(partner: RosterPartner): Node[];
  /** Elements put at the end of a partner's row each time the rows are rebuilt. */
  render(partner: RosterPartner): Node[];
  /** Bring them in line with the answers. */
  sync(partner: string, row: HTMLElement): void;
}

/**
 * The circle as a form, for the keyboard and screen readers: per partner a checkbox
 * per form, and for every ticked form a 1-4 radio group. It edits the same answers
 * as the picture, so the two never disagree. The desired situation has a form of
 * its own, told apart by `idPrefix`.
 */
export class PartnerForm {
  private readOnly = false;
  private problems = new Map<string, string[]>();
  private readonly idPrefix: string;
  private readonly extras: RowExtras | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly answers: CircleAnswers,
    private readonly onRemovePartner: (id: string) => void,
    options: { idPrefix?: string; extras?: RowExtras } = {},
  ) {
    this.idPrefix = options.idPrefix ?? "partner";
    this.extras = options.extras;
    root.addEventListener("change", (e) => this.changed(e.target as HTMLInputElement));
    root.addEventListener("click", (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-remove]");
      if (button) this.onRemovePartner(button.dataset.remove!);
    });
  }

  /** Rebuild every row (the list of partners or the language changed). */
  render(roster: readonly RosterPartner[]): void {
    const t = i18next.t;
    this.root.replaceChildren(
      ...roster.map((p) => {
        const row = h("fieldset", { class: "partner-row", id: this.rowId(p.id), "data-partner": p.id });
        const legend = h("legend");
        legend.append(
          h("span", { class: "initials", "aria-hidden": "true" }, p.initials),
          h("span", { class: "name" }, p.name),
          ...(p.role === "coordinator" ? [h("span", { class: "tag" }, t("form.coordinator"))] : []),
          ...(p.outside ? [h("span", { class: "tag" }, t("form.outside"))] : []),
        );
        row.append(legend, ...(this.extras?.lead?.(p) ?? []));
        for (const form of FORMS) row.append(formLine(this.idPrefix, p.id, form));
        if (this.extras) row.append(...this.extras.render(p));
        if (p.outside) {
          row.append(h("button", { type: "button", class: "secondary remove", "data-remove": p.id }, t("form.remove", { name: p.name })));
        }
        row.append(h("p", { class: "row-problems error-text", id: `${this.rowId(p.id)}-problems`, hidden: "" }));
        return row;
      }),
    );
    for (const p of roster) this.sync(p.id);
    this.showProblems(this.problems);
    this.setReadOnly(this.readOnly);
  }

  /** Bring one partner's row in line with the answers. */
  sync(partner: string): void {
    const row = document.getElementById(this.rowId(partner));
    if (!row) return;
    this.extras?.sync(partner, row);
    const answer = this.answers.of(partner);
    for (const form of FORMS) {
      const score = answer[form];
      const line = row.querySelector<HTMLElement>(`.form-line[data-form="${form}"]`)!;
      line.querySelector<HTMLInputElement>("input[type=checkbox]")!.checked = score !== undefined;
      line.querySelector<HTMLElement>(".scores")!.hidden = score === undefined;
      for (const radio of line.querySelectorAll<HTMLInputElement>("input[type=radio]")) radio.checked = Number(radio.value) === score;
      const wording = line.querySelector<HTMLElement>(".score-wording")!;
      wording.hidden = score === undefined;
      wording.classList.toggle("missing", score === null);
      wording.textContent = score === undefined ? "" : score === null ? i18next.t("form.chooseScore") : i18next.t(`common:scores.${score}`);
    }
  }

  /** Server problems per partner id, shown in that partner's row; an empty map clears them. */
  showProblems(problems: Map<string, string[]>): void {
    this.problems = problems;
    for (const row of this.root.querySelectorAll<HTMLElement>(".partner-row")) {
      const messages = problems.get(row.dataset.partner!) ?? [];
      const box = row.querySelector<HTMLElement>(".row-problems")!;
      box.hidden = messages.length === 0;
      box.textContent = messages.join(" ");
      row.classList.toggle("invalid", messages.length > 0);
      for (const input of row.querySelectorAll<HTMLInputElement>(".form-line input")) {
        const describedBy = [input.dataset.wording, messages.length ? box.id : undefined].filter(Boolean).join(" ");
        if (messages.length) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
        if (describedBy) input.setAttribute("aria-describedby", describedBy);
        else input.removeAttribute("aria-describedby");
      }
    }
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    for (const input of this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement>("input, button")) input.disabled = readOnly;
  }

  /** Put the keyboard on a partner's first checkbox (from a chip beside the disc). */
  focus(partner: string): void {
    document.getElementById(this.rowId(partner))?.querySelector<HTMLInputElement>("input")?.focus();
  }

  private rowId(partner: string): string {
    return `${this.idPrefix}-${partner}`;
  }

  private changed(input: HTMLInputElement): void {
    const line = input.closest<HTMLElement>(".form-line");
    const partner = input.closest<HTMLElement>(".partner-row")?.dataset.partner;
    if (!line || !partner) return;
    const form = line.dataset.form as Form;
    if (input.type === "checkbox") {
      if (input.checked) this.answers.set(partner, form, this.answers.of(partner)[form] ?? null);
      else this.answers.remove(partner, form);
    } else if (input.type === "radio" && input.checked) {
      this.answers.set(partner, form, Number(input.value) as Score);
    }
  }
}

function formLine(idPrefix: string, partner: string, form: Form): HTMLElement {
  const t = i18next.t;
  const line = h("div", { class: "form-line", "data-form": form });
  const check = h("label", { class: "form-check" });
  check.append(
    h("input", { type: "checkbox", "data-wording": `wording-${form}`, "aria-describedby": `wording-${form}` }),
    h("span", { class: "swatch", "aria-hidden": "true" }),
    h("span", {}, t(`common:formsShort.${form}`)),
  );
  const scores = h("fieldset", { class: "scores" });
  scores.append(h("legend", { class: "visually-hidden" }, t("form.scoreFor", { form: t(`common:formsShort.${form}`) })));
  for (const score of SCORES) {
    const option = h("label", { class: "score-option" });
    option.append(
      h("input", { type: "radio", name: `${idPrefix}-score-${partner}-${form}`, value: String(score) }),
      h("span", { class: "score-face" }, String(score)),
      h("span", { class: "visually-hidden" }, ` – ${t(`common:scores.${score}`)}`),
    );
    scores.append(option);
  }
  line.append(check, scores, h("p", { class: "score-wording" }));
  return line;
}
