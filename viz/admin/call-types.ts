import type { CallWarning } from "../../api/calls/call-warnings.ts";
import type { waveProgress } from "../../api/calls/wave-progress.ts";
import type { WaveState } from "../../api/circles/wave-state.ts";
import type { CallDocumentInput, Member, Organisation } from "../../api/schema/call-document.ts";
import type { InvitationRecord } from "../../api/store/call-edit-store.ts";
import type { CallSummary as StoredCall, StoredLot, StoredWave } from "../../api/store/call-store.ts";

/** The API's answers as the admin pages read them; the shapes come from the server's own types. */

/** Typed against the schema, so a change of format fails the build instead of the import. */
export const CALL_FORMAT: CallDocumentInput["format"] = "netwerkcirkel/v1";

export type { Organisation, WaveState };

export type CallSummary = StoredCall & { waves: Array<{ id: string; name: string; state: WaveState }> };

export interface CallView {
  call: StoredCall;
  organisations: Organisation[];
  lots: Array<StoredLot & { members: Member[] }>;
  waves: Array<StoredWave & { state: WaveState }>;
  warnings: CallWarning[];
}

export type WaveProgress = ReturnType<typeof waveProgress>;
export type Invitation = Omit<InvitationRecord, "callId">;
/** One link as POST /api/waves/:waveId/invitations returns it, the only time it is shown. */
export interface NewLink {
  organisation: string;
  lot: string;
  link: string;
}
