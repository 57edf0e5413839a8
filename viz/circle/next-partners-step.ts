import type { NextPartners } from "../../api/schema/call-document.ts";
import { i18next } from "../shared/i18n.ts";
import { h } from "../shared/dom.ts";
import { OrganisationPicker, type PickerOption } from "./organisation-picker.ts";

const LISTS = ["with", "without"] as const;
type List = (typeof LISTS)[number];

/**
 * The step after the circle when the wave asks it: with which organisations of the
 * call the respondent would like to work in a next call, and with which rather not.
 * Each list has its own search field; a chosen organisation leaves both pickers
 * and can be taken off again with its button.
 */
export class NextPartnersStep {
  private readonly chosen: Record<List, string[]>;
  private readonly pickers: OrganisationPicker[] = [];
  private readonly lists = new Map<List, HTMLUListElement>();
  private readOnly = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly organisations: readonly PickerOption[],
    initial: NextPartners | undefined,
    private readonly onChange: (value: NextPartners, announcement: string) => void,
  ) {
    const known = new Set(organisations.map((o) => o.id));
    this.chosen = {
      with: (initial?.with ?? []).filter((id) => known.has(id)),
      without: (initial?.without ?? []).filter((id) => known.has(id)),
    };
    const heading = h("h2", { id: "next-heading" });
    const intro = h("p", { id: "next-intro", class: "muted" });
    root.setAttribute("aria-labelledby", "next-heading");
    root.append(heading, intro);
    const columns = h("div", { class: "next-columns" });
    for (const list of LISTS) {
      const group = h("div", { class: "next-group", "data-list": list });
      const picker = h("div", { class: "picker" });
      const chosen = h("ul", { id: `next-${list}-chosen`, class: "next-chosen", "aria-labelledby": `next-${list}-input` });
      group.append(picker, chosen);
      columns.append(group);
      this.lists.set(list, chosen);
      this.pickers.push(new OrganisationPicker(picker, () => this.available(), (id) => this.add(list, id), { id: `next-${list}`, text: `next.${list}` }));
    }
    root.append(columns);
    root.hidden = false;
    this.relabel();
  }

  value(): NextPartners {
    return { with: [...this.chosen.with], without: [...this.chosen.without] };
  }

  relabel(): void {
    this.root.querySelector("#next-heading")!.textContent = i18next.t("next.heading");
    this.root.querySelector("#next-intro")!.textContent = i18next.t("next.intro");
    for (const p of this.pickers) p.relabel();
    this.render();
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    for (const p of this.pickers) p.setDisabled(readOnly);
    this.render();
  }

  private available(): PickerOption[] {
    const taken = new Set([...this.chosen.with, ...this.chosen.without]);
    return this.organisations.filter((o) => !taken.has(o.id));
  }

  private nameOf(id: string): string {
    return this.organisations.find((o) => o.id === id)?.name ?? id;
  }

  private add(list: List, id: string): void {
    this.chosen[list].push(id);
    this.render();
    this.onChange(this.value(), i18next.t(`next.${list}.added`, { name: this.nameOf(id) }));
  }

  private remove(list: List, id: string): void {
    this.chosen[list] = this.chosen[list].filter((x) => x !== id);
    this.render();
    this.onChange(this.value(), i18next.t("next.removed", { name: this.nameOf(id) }));
    (this.root.querySelector<HTMLInputElement>(`#next-${list}-input`))?.focus();
  }

  private render(): void {
    for (const list of LISTS) {
      const ul = this.lists.get(list)!;
      ul.replaceChildren(
        ...(this.chosen[list].length
          ? this.chosen[list].map((id) => {
              const o = this.organisations.find((x) => x.id === id)!;
              const li = h("li", { class: "next-item", "data-organisation": id });
              const remove = h("button", { type: "button", class: "remove" }, "×");
              remove.setAttribute("aria-label", i18next.t("next.remove", { name: o.name }));
              remove.disabled = this.readOnly;
              remove.addEventListener("click", () => this.remove(list, id));
              li.append(h("span", { class: "option-initials" }, o.initials), h("span", { class: "next-name" }, o.name), remove);
              return li;
            })
          : [h("li", { class: "next-empty muted" }, i18next.t(`next.${list}.empty`))]),
      );
    }
  }
}
