import type { Tie } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { h } from "../shared/dom.ts";
import { i18next } from "../shared/i18n.ts";

/** A circle written out as a list: each partner with its forms and scores in words. */
export function tieSummary(nameOf: ReadonlyMap<string, string>, ties: readonly Tie[]): HTMLUListElement {
  const t = i18next.t;
  const list = h("ul", { class: "summary" });
  for (const tie of ties) {
    const item = h("li");
    item.append(h("strong", {}, nameOf.get(tie.partner) ?? tie.partner));
    const forms = h("span", { class: "summary-forms" });
    for (const f of FORMS) {
      const score = tie.forms[f];
      if (score === undefined) continue;
      const line = h("span");
      line.append(h("span", { class: "mark", "data-form": f }, String(score)), `${t(`common:formsShort.${f}`)} – ${t(`common:scores.${score}`)}`);
      forms.append(line);
    }
    item.append(forms);
    list.append(item);
  }
  return list;
}
