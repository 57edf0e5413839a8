import type { NetworkFigures } from "../../api/analysis/metrics-schema.ts";

/**
 * When a lot's figure means little. With fewer than four members a single tie
 * moves density by a sixth or more and centralization is barely defined; with
 * fewer than three in four members responding, the ties of the silent ones are
 * missing and every figure built on ties is biased towards the respondents.
 */
const MIN_MEMBERS = 4;
const MIN_RESPONSE_RATE = 0.75;

export type Caveat = "small" | "incomplete";

export function caveatsOf(network: Pick<NetworkFigures, "n" | "responseRate">): Caveat[] {
  const out: Caveat[] = [];
  if (network.n < MIN_MEMBERS) out.push("small");
  if (network.responseRate === null || network.responseRate < MIN_RESPONSE_RATE) out.push("incomplete");
  return out;
}

/**
 * Which caveats matter for a figure: the response rate is the measure of
 * completeness itself, and observed density already divides by what the
 * respondents could report.
 */
export function caveatsFor(figure: string, network: Pick<NetworkFigures, "n" | "responseRate">): Caveat[] {
  if (figure === "responseRate") return [];
  const all = caveatsOf(network);
  return figure === "observedDensity" ? all.filter((c) => c === "small") : all;
}

/**
 * A lot's figure, or null (shown as "—") when nobody in the lot has responded: the
 * formulas still give numbers then (density 0, a response rate of 0 %), which would
 * read as a lot without ties rather than a lot without answers.
 */
export function ifAnswered<T>(network: { respondents: number }, value: T): T | null {
  return network.respondents === 0 ? null : value;
}
