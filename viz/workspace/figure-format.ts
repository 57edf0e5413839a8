import { i18next } from "../shared/i18n.ts";

/** A figure in the page's language; a dash where metrics.md says null. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(i18next.language, { maximumFractionDigits: digits, minimumFractionDigits: Number.isInteger(value) ? 0 : digits }).format(value);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(i18next.language, { style: "percent", maximumFractionDigits: 0 }).format(value);
}

/** A signed difference, for change between waves. */
export function formatDelta(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(i18next.language, { maximumFractionDigits: digits, signDisplay: "exceptZero" }).format(value);
}
