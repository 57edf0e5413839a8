import type { Form, Forms } from "./call-document.ts";

/**
 * The three forms of collaboration, in the order every page and file lists them.
 * Free of zod, so that browser pages can import the list without bundling the validator.
 */
export const FORMS = ["information", "support", "cocreation"] as const;

/** The forms a tie has, shallow to deep. */
export function formsOf(forms: Forms): Form[] {
  return FORMS.filter((f) => forms[f] !== undefined);
}

/** The highest score among a tie's forms: its weight; 0 when it has none (a collaboration only wished for). */
export const highestScore = (forms: Forms): number => Math.max(0, ...formsOf(forms).map((f) => forms[f]!));
