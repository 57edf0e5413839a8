import type { Caller } from "../staff/caller.ts";
import type { InterviewBody } from "../schema/interview-body.ts";
import { interviewNoteProblems } from "../schema/interview-rules.ts";
import { RuleError } from "../schema/problems.ts";
import type { CodeCountsAnswer, InterviewListAnswer, InterviewSummary } from "../schema/answers.ts";
import { CODES } from "../schema/interview-codes.ts";
import type { StoredWave } from "../store/call-store.ts";
import type { Store } from "../store/store.ts";

/** Whose interview: one active member of the wave's call, in its lot. */
export interface InterviewOwner {
  wave: StoredWave;
  lotId: string;
  organisationId: string;
}

/** How an interview version names who wrote it: the person's name, else the token's, else its number. */
const writerOf = (caller: Caller): string => caller.name ?? `token #${caller.tokenId}`;

/**
 * Append the interview as a new version, written by the caller. The notes name
 * organisations of the call other than the interviewee, one note per partner; a
 * broken rule is a 400 naming the body's path and writes nothing.
 */
export function saveInterview(store: Store, owner: InterviewOwner, body: InterviewBody, caller: Caller, now: Date): InterviewSummary {
  const organisations = store.calls.organisationsOf(owner.wave.callId);
  const problems = interviewNoteProblems(body.partners, owner.organisationId, organisations, ["body", "partners"]);
  if (problems.length) throw new RuleError("the interview breaks a rule; nothing was saved", problems);
  const { basedOn, ...fields } = body;
  return store.interviews.save({
    callId: owner.wave.callId,
    lot: owner.lotId,
    interview: { ...fields, wave: owner.wave.id, organisation: owner.organisationId },
    writtenBy: writerOf(caller),
    ...(caller.accountId !== undefined && { accountId: caller.accountId }),
    ...(caller.tokenId !== undefined && { tokenId: caller.tokenId }),
    savedAt: now.toISOString(),
    ...(basedOn !== undefined && { basedOn }),
  });
}

/** An answer per lot of the wave's call (or the one asked for): each lot's id, number and name with what `more` adds. */
function perLot<T extends object>(store: Store, wave: StoredWave, lotId: string | undefined, more: (lotId: string) => T) {
  return {
    wave: { id: wave.id, name: wave.name },
    lots: store.calls
      .lots(wave.callId)
      .filter((l) => lotId === undefined || l.id === lotId)
      .map((lot) => ({ id: lot.id, number: lot.number, name: lot.name, ...more(lot.id) })),
  };
}

/** Per lot, every active member and where its interview of the wave stands. */
export function interviewList(store: Store, wave: StoredWave, lotId?: string): InterviewListAnswer {
  const latest = new Map(store.interviews.latestInWave(wave.id).map((v) => [v.organisation, v]));
  const names = new Map(store.calls.organisations(wave.callId).map((o) => [o.id, o.name]));
  const members = store.calls.callMembers(wave.callId).filter((m) => m.active);
  return perLot(store, wave, lotId, (lot) => ({
    members: members
      .filter((m) => m.lot === lot)
      .map((m) => {
        const v = latest.get(m.organisation);
        return {
          organisation: m.organisation,
          name: names.get(m.organisation) ?? m.organisation,
          role: m.role,
          status: v?.status ?? "none",
          ...(v && { savedAt: v.savedAt, writtenBy: v.writtenBy, ...(v.plannedOn !== undefined && { plannedOn: v.plannedOn }) }),
        };
      }),
  }));
}

/**
 * Per lot, over the latest version of each interview of the wave (the lot it was
 * saved in): how many interviews there are, and per code of the scheme that is used,
 * how many notes carry it and in how many interviews, in the scheme's order.
 */
export function codeCounts(store: Store, wave: StoredWave, lotId?: string): CodeCountsAnswer {
  const counts = store.interviews.codeCounts(wave.id);
  const latest = store.interviews.latestInWave(wave.id);
  return perLot(store, wave, lotId, (lot) => ({
    interviews: latest.filter((v) => v.lot === lot).length,
    codes: counts
      .filter((c) => c.lot === lot)
      .sort((a, b) => CODES.indexOf(a.code) - CODES.indexOf(b.code))
      .map(({ code, notes, interviews }) => ({ code, notes, interviews })),
  }));
}
