import { i18next } from "../shared/i18n.ts";
import { h } from "../shared/dom.ts";

export interface PickerOption {
  id: string;
  name: string;
  initials: string;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/** Element ids start with `id`; texts come from `<text>.label`, `.placeholder` and `.none`. */
export interface PickerNaming {
  id: string;
  text: string;
}

/**
 * A searchable list (ARIA combobox with a listbox) of organisations: type to
 * filter, arrows to move, Enter or a click to add. The circle uses it for
 * organisations outside the lot, the next-partners question for any organisation.
 */
export class OrganisationPicker {
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly label: HTMLLabelElement;
  private shown: PickerOption[] = [];
  private active = -1;

  constructor(
    root: HTMLElement,
    private readonly available: () => PickerOption[],
    private readonly onAdd: (id: string) => void,
    private readonly naming: PickerNaming = { id: "picker", text: "add" },
  ) {
    const id = naming.id;
    this.label = h("label", { for: `${id}-input` });
    this.input = h("input", {
      id: `${id}-input`,
      type: "text",
      role: "combobox",
      autocomplete: "off",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": `${id}-list`,
    });
    this.list = h("ul", { id: `${id}-list`, role: "listbox", class: "picker-list", hidden: "" });
    const combo = h("div", { class: "combo" });
    combo.append(this.input, this.list);
    root.append(this.label, combo);
    this.relabel();

    this.input.addEventListener("input", () => this.open());
    this.input.addEventListener("click", () => this.open());
    this.input.addEventListener("blur", () => this.close());
    this.input.addEventListener("keydown", (e) => this.key(e));
    // mousedown, not click: the input must keep focus while an option is chosen.
    this.list.addEventListener("mousedown", (e) => {
      const option = (e.target as HTMLElement).closest<HTMLElement>("[role=option]");
      if (!option) return;
      e.preventDefault();
      this.choose(Number(option.dataset.index));
    });
  }

  relabel(): void {
    this.label.textContent = i18next.t(`${this.naming.text}.label`);
    this.input.placeholder = i18next.t(`${this.naming.text}.placeholder`);
    if (!this.list.hidden) this.open();
  }

  setDisabled(disabled: boolean): void {
    this.input.disabled = disabled;
  }

  private open(): void {
    const query = fold(this.input.value.trim());
    this.shown = this.available().filter((o) => !query || fold(o.name).includes(query) || fold(o.initials).includes(query));
    this.active = this.shown.length && query ? 0 : -1;
    this.list.replaceChildren(
      ...(this.shown.length
        ? this.shown.map((o, i) => {
            const li = h("li", { role: "option", id: `${this.naming.id}-option-${i}`, "data-index": String(i), "aria-selected": "false" });
            li.append(h("span", { class: "option-initials" }, o.initials), h("span", {}, o.name));
            return li;
          })
        : [h("li", { class: "picker-empty", "aria-disabled": "true" }, i18next.t(`${this.naming.text}.none`))]),
    );
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.highlight();
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  private highlight(): void {
    for (const li of this.list.querySelectorAll<HTMLElement>("[role=option]")) {
      li.setAttribute("aria-selected", String(Number(li.dataset.index) === this.active));
    }
    if (this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", `${this.naming.id}-option-${this.active}`);
      document.getElementById(`${this.naming.id}-option-${this.active}`)?.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  private key(e: KeyboardEvent): void {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (this.list.hidden) this.open();
      if (!this.shown.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.shown.length) % this.shown.length;
      this.highlight();
    } else if (e.key === "Enter" && this.active >= 0) {
      e.preventDefault();
      this.choose(this.active);
    } else if (e.key === "Escape") {
      this.input.value = "";
      this.close();
    }
  }

  private choose(index: number): void {
    const option = this.shown[index];
    if (!option) return;
    this.input.value = "";
    this.close();
    this.onAdd(option.id);
  }
}
