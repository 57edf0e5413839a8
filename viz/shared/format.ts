import { i18next } from "./i18n.ts";

/**
 * Numbers and dates as every page writes them: in the page's language, with a
 * dash where a figure is null (the metric definitions say when a figure has no value).
 */

const NO_VALUE = "—";

/** A figure with up to `digits` decimals (whole numbers without); with `fixed`, always exactly `digits`. */
export function formatNumber(value: number | null | undefined, digits = 2, fixed = false): string {
  if (value === null || value === undefined) return NO_VALUE;
  const least = fixed || !Number.isInteger(value) ? digits : 0;
  return new Intl.NumberFormat(i18next.language, { maximumFractionDigits: digits, minimumFractionDigits: least }).format(value);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(i18next.language, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

/** A signed difference, for change between waves. */
export function formatDelta(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(i18next.language, { maximumFractionDigits: digits, signDisplay: "exceptZero" }).format(value);
}

type DateStyle = "medium" | "long";

/** A calendar date (YYYY-MM-DD, a UTC day). */
export function formatDate(isoDate: string, style: DateStyle = "medium"): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: style, timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A moment (an ISO date-time), in the browser's time zone. */
export function formatDateTime(iso: string, style: DateStyle = "medium"): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: style, timeStyle: "short" }).format(new Date(iso));
}
