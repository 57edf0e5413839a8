/** How many proposals one check compares side by side; kept apart from the zod schemas so the browser page can share it without zod. */
export const MAX_COMPARED_PROPOSALS = 3;
