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
 * Which waves make the history the proposals are checked against: per call its
 * answered waves (a wave nobody submitted a circle in adds nothing), the ones ticked
 * (see `defaultHistory` for where a page starts), or all. At least one stays ticked.
 * A long history has many calls: their boxes are made when the picker is first opened.
 */
export function renderHistoryPicker(
  container: HTMLElement,
  calls: CallWaves[],
  history: History,
  t: TFunction,
  onChange: (history: History) => void,
): void {
  const answered = calls.map((c) => ({ ...c, waves: c.waves.filter((w) => w.submitted) })).filter((c) => c.waves.length);
  const all = answered.flatMap((c) => c.waves.map((w) => w.id));
  const chosen = new Set(history === "all" ? all : history);
  const details = h("details", { class: "history-picker" });
  details.append(
    h("summary", {}, history === "all" ? t("history.all", { count: all.length }) : t("history.some", { count: chosen.size, total: all.length })),
  );
  const boxes: HTMLInputElement[] = [];
  // Many calls scroll within the picker rather than push the page down.
  const list = h("div", { class: "history-calls" });
  details.append(list);
  const fill = () => {
    if (boxes.length || !details.open) return;
    for (const call of answered) {
      const fieldset = h("fieldset", {}, h("legend", {}, call.name));
      for (const wave of call.waves) {
        const box = h("input", { type: "checkbox", value: wave.id });
        box.checked = chosen.has(wave.id);
        boxes.push(box);
        fieldset.append(h("label", {}, box, ` ${wave.name}`));
      }
      list.append(fieldset);
    }
  };
  details.addEventListener("toggle", fill);
  details.open = container.querySelector("details")?.open ?? false;
  fill();
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
