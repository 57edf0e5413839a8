/**
 * The codes evaluators tag interview notes with: the coding scheme of the
 * partnership interviews (annex 8 of the evaluation report), its main variables
 * "meaningful collaboration" (the conditions of the first two layers of the model)
 * and "team learning behaviours", at the level of its subthemes. The labels are in
 * the catalogue `interview.json`. Free of zod, so that browser pages can import the
 * list without bundling the validator.
 */
export const CODE_GROUPS = {
  /** Basic conditions for collaboration (first layer). */
  conditions: ["psychological-safety", "shared-vision", "cohesion"],
  /** The structure of a task or project for which collaboration is needed (second layer). */
  structure: ["shared-goals", "task-interdependence", "outcome-interdependence"],
  /** Team learning behaviours: the collaborative activity of the third layer. */
  learning: [
    "boundary-crossing",
    "co-construction",
    "construction",
    "constructive-conflict",
    "error-communication",
    "task-oriented-learning",
    "team-activity",
    "team-reflexivity",
  ],
} as const;

export type CodeGroup = keyof typeof CODE_GROUPS;
export const CODE_GROUP_NAMES = Object.keys(CODE_GROUPS) as CodeGroup[];
export const CODES = [...CODE_GROUPS.conditions, ...CODE_GROUPS.structure, ...CODE_GROUPS.learning] as const;
export type Code = (typeof CODES)[number];

/**
 * The questions of the interview guide (annex 7) asked about each partner, in the
 * guide's order: how the collaboration looked concretely, how it came about, its
 * advantages and drawbacks, the differences between the current and the desired
 * situation and their causes, and what support would help.
 */
export const NOTE_FIELDS = ["howItLooks", "howItCameAbout", "prosAndCons", "currentVsDesired", "supportNeeded"] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

export const INTERVIEW_STATUSES = ["planned", "done"] as const;
