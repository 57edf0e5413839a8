import type { TFunction } from "i18next";
import type { CallWarning } from "../../api/schema/answers.ts";
import type { CallView } from "./call-types.ts";
import { formatDate } from "../shared/format.ts";
import { h } from "../shared/dom.ts";

/**
 * The call's warnings as a notice: things to look at that do not stop the admin
 * (a lot without a coordinator, a wave outside the call's period). Null when none.
 */
export function warningsNotice(t: TFunction, view: CallView, warnings: readonly CallWarning[]): HTMLElement | null {
  if (warnings.length === 0) return null;
  const sentence = (w: CallWarning): string => {
    if (w.code === "lot_without_coordinator") {
      const lot = view.lots.find((l) => l.id === w.lot);
      return t("warnings.lot_without_coordinator", { lot: lot ? t("lots.lotLabel", { number: lot.number, name: lot.name }) : w.lot });
    }
    const wave = view.waves.find((x) => x.id === w.wave);
    return t("warnings.wave_outside_call", {
      wave: wave?.name ?? w.wave,
      opens: wave ? formatDate(wave.opens) : "",
      closes: wave ? formatDate(wave.closes) : "",
      start: formatDate(view.call.start),
      end: formatDate(view.call.end),
    });
  };
  return h(
    "div",
    { class: "notice notice-warn", role: "status", "data-warnings": String(warnings.length) },
    h("strong", {}, t("warnings.title")),
    h("ul", { class: "problems" }, ...warnings.map((w) => h("li", { "data-code": w.code }, sentence(w)))),
  );
}
