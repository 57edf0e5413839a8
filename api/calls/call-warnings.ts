import type { CallWarning } from "../schema/answers.ts";
import type { Member } from "../schema/call-document.ts";
import type { Store } from "../store/store.ts";

/**
 * What an administrator should know about a call but may go on with: a lot without
 * a coordinator (its figures have no coordinator, yet links are issued for it), and
 * a wave that lies (partly) outside the call's period. Warnings are not refusals.
 */

/** The parts of a call the warnings look at: a call document or the stored call. */
export interface CallOutline {
  call: { start: string; end: string };
  lots: ReadonlyArray<{ id: string; members: ReadonlyArray<Pick<Member, "role" | "active">> }>;
  waves: ReadonlyArray<{ id: string; opens: string; closes: string }>;
}

export function callWarnings(doc: CallOutline): CallWarning[] {
  const warnings: CallWarning[] = [];
  doc.lots.forEach((lot, i) => {
    if (!lot.members.some((m) => m.role === "coordinator" && m.active)) {
      warnings.push({ code: "lot_without_coordinator", path: `lots[${i}]`, lot: lot.id, message: `lot "${lot.id}" has no active coordinator` });
    }
  });
  doc.waves.forEach((wave, i) => {
    if (wave.opens < doc.call.start || wave.closes > doc.call.end) {
      warnings.push({
        code: "wave_outside_call",
        path: `waves[${i}]`,
        wave: wave.id,
        message: `wave "${wave.id}" (${wave.opens} to ${wave.closes}) lies outside the call's period (${doc.call.start} to ${doc.call.end})`,
      });
    }
  });
  return warnings;
}

/** The warnings of a stored call. */
export function storedCallWarnings(store: Store, callId: string): CallWarning[] {
  const members = store.calls.callMembers(callId);
  return callWarnings({
    call: store.calls.call(callId)!,
    lots: store.calls.lots(callId).map((l) => ({ id: l.id, members: members.filter((m) => m.lot === l.id) })),
    waves: store.calls.waves(callId),
  });
}
