import type { Form } from "../schema/call-document.ts";
import type { DesiredChange } from "../schema/desired-change.ts";
import type { NetworkNode } from "./lot-network.ts";

/**
 * How figures become sizes and colours in a network picture, shared by the lot
 * page and the exported files so that Gephi shows what the page shows. Scales are
 * fixed rather than fitted to the data, so the same inStrength is the same size in
 * every layer, wave and lot.
 */

/**
 * Radius in screen pixels: area grows with inStrength (how much the partners rely
 * on the node). An organisation outside the lot has no figures: a middling size.
 */
export const nodeSize = (inStrength: number | undefined): number => (inStrength === undefined ? 6 : 5 + 2.5 * Math.sqrt(inStrength));

/** Width of an arc in pixels for its contribution score 1-4. */
export const arcThickness = (weight: number): number => 0.8 + 1.1 * (weight - 1);

/** The colours of the three forms: the same Okabe-Ito values as `--form-*` in base.css. */
export const FORM_COLOURS: Record<Form, string> = { information: "#0072b2", support: "#009e73", cocreation: "#d55e00" };

/**
 * The colours of the desired view, by how a pair would change (desired-change.ts):
 * Okabe-Ito too, growing cool (blue, bluish green), shrinking warm (orange, vermillion),
 * unchanged the grey of quiet arcs. The page never tells them by colour alone.
 */
export const DESIRED_COLOURS: Record<DesiredChange, string> = { deepen: "#0072b2", wished: "#009e73", same: "#a6adb5", loosen: "#e69f00", dropped: "#d55e00" };

/** Node fills: respondents dark, the coordinator darkest, non-respondents and outsiders pale. */
export const NODE_COLOURS = { coordinator: "#1d2733", partner: "#4a5868", silent: "#dfe4ea", outside: "#b9c2cc" } as const;

export function nodeColour(a: Pick<NetworkNode, "role" | "responded">): string {
  if (a.role === "outside") return NODE_COLOURS.outside;
  if (!a.responded) return NODE_COLOURS.silent;
  // Without a role (pseudonymised) every respondent looks alike.
  return NODE_COLOURS[a.role ?? "partner"];
}
