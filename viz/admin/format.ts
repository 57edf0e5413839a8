import type { TFunction } from "i18next";
import { i18next } from "../shared/i18n.ts";
import type { WaveState } from "./call-types.ts";
import { h } from "./dom.ts";

/** A calendar date (YYYY-MM-DD, a UTC day) in the page's language. */
export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function waveStateBadge(t: TFunction, state: WaveState): HTMLElement {
  return h("span", { class: `badge badge-${state}` }, t(`waves.state.${state}`));
}
