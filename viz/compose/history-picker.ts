import type { TFunction } from "i18next";
import type { History } from "../../api/composition/composition-schema.ts";
import { h } from "../shared/dom.ts";

export interface CallWaves {
  id: string;
  name: string;
  waves: Array<{ id: string; name: string }>;
}

/**
 * Which waves make the history the proposals are checked against: all of them by
 * default, or the ones ticked. At least one stays ticked.
 */
export function renderHistoryPicker(
  container: HTMLElement,
  calls: CallWaves[],
  history: History,
  t: TFunction,
  onChange: (history: History) => void,
): void {
  const all = calls.flatMap((c) => c.waves.map((w) => w.id));
  const chosen = new Set(history === "all" ? all : history);
  const details = h("details", { class: "history-picker" });
  details.open = container.querySelector("details")?.open ?? false;
  details.append(
    h("summary", {}, history === "all" ? t("history.all", { count: all.length }) : t("history.some", { count: chosen.size, total: all.length })),
  );
  const boxes: HTMLInputElement[] = [];
  for (const call of calls) {
    const fieldset = h("fieldset");
    fieldset.append(h("legend", {}, call.name));
    for (const wave of call.waves) {
      const label = h("label");
      const box = h("input");
      box.type = "checkbox";
      box.value = wave.id;
      box.checked = chosen.has(wave.id);
      boxes.push(box);
      label.append(box, ` ${wave.name}`);
      fieldset.append(label);
    }
    details.append(fieldset);
  }
  details.addEventListener("change", (e) => {
    const ticked = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!ticked.length) {
      (e.target as HTMLInputElement).checked = true;
      return;
    }
    onChange(ticked.length === all.length ? "all" : ticked);
  });
  container.replaceChildren(details);
}
