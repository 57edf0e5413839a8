import { waveState } from "../circles/wave-state.ts";
import type { StoredWave } from "../store/call-store.ts";
import type { Store } from "../store/store.ts";

export type MemberStatus = "submitted" | "draft" | "not-started" | "inactive";

/**
 * Who has given their circle in a wave, lot by lot: submitted (some version was
 * submitted; a later draft is a revision in progress), draft only, not started, or
 * inactive (not asked). The counts leave inactive members out, as response rates do.
 */
export function waveProgress(store: Store, wave: StoredWave, now: Date) {
  const latest = new Map(store.circles.progress(wave.id).map((p) => [p.respondent, p]));
  const names = new Map(store.calls.organisations(wave.callId).map((o) => [o.id, o.name]));
  const members = store.calls.callMembers(wave.callId);
  return {
    wave: {
      id: wave.id,
      name: wave.name,
      opens: wave.opens,
      closes: wave.closes,
      state: waveState(wave, now),
      /** An administrator's decision that overrides the dates, or null. */
      override: wave.state ?? null,
    },
    lots: store.calls.lots(wave.callId).map((lot) => {
      const rows = members
        .filter((m) => m.lot === lot.id)
        .map((m) => {
          const p = latest.get(m.organisation);
          const status: MemberStatus = !m.active ? "inactive" : p?.everSubmitted ? "submitted" : p ? "draft" : "not-started";
          return {
            organisation: m.organisation,
            name: names.get(m.organisation) ?? m.organisation,
            role: m.role,
            status,
            ...(p && {
              savedAt: p.savedAt,
              revising: p.everSubmitted && p.status === "draft",
              ...(p.enteredBy !== undefined && { enteredBy: p.enteredBy }),
            }),
          };
        });
      const count = (s: MemberStatus) => rows.filter((r) => r.status === s).length;
      return {
        id: lot.id,
        number: lot.number,
        name: lot.name,
        counts: { submitted: count("submitted"), draft: count("draft"), notStarted: count("not-started") },
        members: rows,
      };
    }),
  };
}
