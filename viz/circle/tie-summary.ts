import type { Forms, Tie } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { h } from "../shared/dom.ts";
import { i18next } from "../shared/i18n.ts";

/**
 * A circle written out as a list: each partner with its forms and scores in words,
 * then, when given, the desired situation and the channels.
 */
export function tieSummary(nameOf: ReadonlyMap<string, string>, ties: readonly Tie[]): HTMLUListElement {
  const t = i18next.t;
  const list = h("ul", { class: "summary" });
  const scored = (forms: Forms) => FORMS.filter((f) => forms[f] !== undefined);
  for (const tie of ties) {
    const item = h("li");
    item.append(h("strong", {}, nameOf.get(tie.partner) ?? tie.partner));
    const forms = h("span", { class: "summary-forms" });
    for (const f of scored(tie.forms)) {
      const score = tie.forms[f]!;
      const line = h("span");
      line.append(h("span", { class: "mark", "data-form": f }, String(score)), `${t(`common:formsShort.${f}`)} – ${t(`common:scores.${score}`)}`);
      forms.append(line);
    }
    if (scored(tie.forms).length === 0) forms.append(h("span", { class: "muted" }, t("desired:summary.wished")));
    if (tie.desired) {
      const wanted = scored(tie.desired).map((f) => `${t(`common:formsShort.${f}`)} ${tie.desired![f]}`).join(", ");
      forms.append(h("span", { class: "summary-desired" }, wanted ? t("desired:summary.desired", { forms: wanted }) : t("desired:summary.none")));
    }
    if (tie.channels?.length) {
      forms.append(h("span", { class: "summary-channels" }, t("desired:summary.channels", { channels: tie.channels.map((c) => t(`common:channels.${c}`)).join(", ") })));
    }
    item.append(forms);
    list.append(item);
  }
  return list;
}
