import type { TFunction } from "i18next";
import type { History } from "../../api/composition/composition-schema.ts";
import { h } from "../shared/dom.ts";

export interface CallWaves {
  id: string;
  name: string;
  waves: Array<{ id: string; name: string; submitted: boolean }>;
}

/**
 * The history a page starts with: the waves of the latest call in which circles were
 * submitted, not every wave of every call (which takes in test calls and waves
 * nobody answered); else the answered waves of any call; else every wave.
 */
export function defaultHistory(calls: readonly CallWaves[], latestCall: string | undefined): History {
  const answered = (c: CallWaves) => c.waves.filter((w) => w.submitted).map((w) => w.id);
  const latest = calls.find((c) => c.id === latestCall);
  const waves = latest && answered(latest).length ? answered(latest) : calls.flatMap(answered);
  const all = calls.reduce((n, c) => n + c.waves.length, 0);
  return waves.length === 0 || waves.length === all ? "all" : waves;
}

/**
 * Which waves make the history the proposals are checked against: the ones ticked
 * (see `defaultHistory` for where a page starts), or all. At least one stays ticked.
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
