import type { TFunction } from "i18next";
import { CODE_GROUPS, CODE_GROUP_NAMES, type Code } from "../../api/schema/interview-codes.ts";
import { h } from "../shared/dom.ts";

/**
 * The codes of the coding scheme as checkboxes, grouped as the scheme groups them
 * (conditions, task structure, team learning behaviours), each with its meaning as
 * the scheme words it. `onChange` gets the ticked codes in the scheme's order.
 */
export function codePicker(t: TFunction, legend: string, ticked: readonly Code[], onChange: (codes: Code[]) => void): HTMLFieldSetElement {
  const boxes: Array<[Code, HTMLInputElement]> = [];
  const changed = () => onChange(boxes.filter(([, box]) => box.checked).map(([code]) => code));
  return h(
    "fieldset",
    { class: "code-picker" },
    h("legend", {}, legend),
    ...CODE_GROUP_NAMES.map((group) =>
      h(
        "div",
        { class: "code-group", role: "group", "aria-label": t(`codeGroups.${group}`) },
        h("span", { class: "code-group-name", "aria-hidden": "true" }, t(`codeGroups.${group}`)),
        ...CODE_GROUPS[group].map((code) => {
          const box = h("input", { type: "checkbox", name: "code", value: code, onchange: changed });
          box.checked = ticked.includes(code);
          boxes.push([code, box]);
          return h("label", { class: "code-chip", title: t(`codeHints.${code}`), "data-code": code }, box, h("span", {}, t(`codes.${code}`)));
        }),
      ),
    ),
  );
}
