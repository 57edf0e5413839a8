import { z } from "zod";
import { InterviewFieldsSchema } from "./call-document.ts";

/**
 * The body of `PUT /api/interviews/:waveId/:organisationId`: the whole interview,
 * replacing the previous version. `basedOn` is the version it was edited from (0 for
 * a first save); a save based on a version that is no longer the latest is refused
 * (409 `stale_version`), so that two evaluators never overwrite each other unseen.
 * Without it the save replaces whatever is stored.
 */
export const InterviewBodySchema = InterviewFieldsSchema.extend({ basedOn: z.int().min(0).optional() });
export type InterviewBody = z.infer<typeof InterviewBodySchema>;
export type InterviewBodyInput = z.input<typeof InterviewBodySchema>;
