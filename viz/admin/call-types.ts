import type { z } from "zod";
import type {
  CallAnswer,
  CallsAnswerSchema,
  Invitation,
  NewInvitationsAnswerSchema,
  WaveProgressAnswer,
  WaveState,
} from "../../api/schema/answers.ts";
import type { CallDocumentInput, Organisation } from "../../api/schema/call-document.ts";

/** The API's answers as the admin pages read them: the wire types of `api/schema/answers.ts`. */

/** Typed against the schema, so a change of format fails the build instead of the import. */
export const CALL_FORMAT: CallDocumentInput["format"] = "netwerkcirkel/v1";

export type { Invitation, Organisation, WaveState };

export type CallSummary = z.infer<typeof CallsAnswerSchema>["calls"][number];
export type CallView = CallAnswer;
export type WaveProgress = WaveProgressAnswer;
/** One link as POST /api/waves/:waveId/invitations returns it, the only time it is shown. */
export type NewLink = z.infer<typeof NewInvitationsAnswerSchema>["invitations"][number];
