/** Attributes of `h`: strings and numbers are set, `true` sets an empty attribute, `false`/undefined leave it out, `on…` listens. */
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
export type Child = Node | string | false | null | undefined;

/** Build an element with attributes, listeners and children; the admin pages draw with it. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else if (value !== false && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== false && child !== null && child !== undefined) node.append(child);
  return node;
}

let hints = 0;

/** A labelled form field; a hint sits outside the label (so it is no part of the field's name) and describes it. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  const control = h("label", { class: "field-control" }, h("span", { class: "field-label" }, label), input);
  if (!hint) return h("div", { class: "field" }, control);
  const id = `field-hint-${++hints}`;
  input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
  return h("div", { class: "field" }, control, h("span", { id, class: "muted field-hint" }, hint));
}

/** The values of a form's named fields; empty strings left out. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) if (typeof v === "string" && v.trim() !== "") out[k] = v.trim();
  return out;
}
