/**
 * The three forms of collaboration, in the order every page and file lists them.
 * Free of zod, so that browser pages can import the list without bundling the validator.
 */
export const FORMS = ["information", "support", "cocreation"] as const;
