import { DESIRED_COLOURS, FORM_COLOURS, NODE_COLOURS } from "../../api/exports/picture-scale.ts";

/**
 * Every colour that pages draw with outside their stylesheets. The form, node
 * and desired-change colours are the picture scale's, which the exported files use
 * too (so Gephi shows what the page shows); the page colours are base.css's
 * `--ink`, `--ink-soft` and `--paper`.
 */
export { DESIRED_COLOURS, FORM_COLOURS, NODE_COLOURS };

export const INK = NODE_COLOURS.coordinator;
export const INK_SOFT = NODE_COLOURS.partner;
export const PAPER = "#ffffff";

/** What steps back when one node is in focus: the other nodes, their arcs and their labels. */
export const FADED = { node: "#e9edf1", arc: "#eef1f4", ink: NODE_COLOURS.outside } as const;

/** A sample of a quiet arc (a reconstructed one or one outside the lot) for the legend. */
export const QUIET_SAMPLE = "#a6adb5";
