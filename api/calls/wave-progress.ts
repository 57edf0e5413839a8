import { waveState } from "../circles/wave-state.ts";
import type { MemberStatus, WaveProgressAnswer } from "../schema/answers.ts";
import type { StoredWave } from "../store/call-store.ts";
import type { MailRecord } from "../store/mail-store.ts";
import type { Store } from "../store/store.ts";

/**
 * Who has given their circle in a wave, lot by lot: submitted (some version was
 * submitted; a later draft is a revision in progress), draft only, not started, or
 * inactive (not asked). The counts leave inactive members out, as response rates do.
 */
export function waveProgress(store: Store, wave: StoredWave, now: Date): WaveProgressAnswer {
  const latest = new Map(store.circles.progress(wave.id).map((p) => [p.respondent, p]));
  const mail = mailProgress(store, wave);
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
            mail: mail(m.organisation),
          };
        });
      const count = (s: MemberStatus) => rows.filter((r) => r.status === s).length;
      return {
        id: lot.id,
        number: lot.number,
        name: lot.name,
        counts: {
          submitted: count("submitted"),
          draft: count("draft"),
          notStarted: count("not-started"),
          invited: rows.filter((r) => r.mail.invitation && r.mail.invitation.status !== "failed").length,
          failed: rows.filter((r) => r.mail.invitation?.status === "failed").length,
          opened: rows.filter((r) => r.mail.openedAt !== undefined).length,
        },
        members: rows,
      };
    }),
  };
}

/** Where a message stands, for the progress view: never its text or address. */
const mailState = (m: MailRecord) => ({
  status: m.status,
  at: m.sentAt ?? m.createdAt,
  ...(m.status === "failed" && m.lastError !== undefined && { reason: m.lastError }),
  ...(m.status === "queued" && m.lastError !== undefined && { retryAt: m.nextAttemptAt, reason: m.lastError }),
});

/**
 * Per organisation: its latest invitation by mail (sent, in the outbox, waiting for a
 * retry, or failed with the server's reason), the first visit of its link, the reminders
 * it was sent and when, the report-ready note, and the language its messages use.
 */
function mailProgress(store: Store, wave: StoredWave) {
  const messages = new Map(store.mail.ofWave(wave.id).map((m) => [m.id, m]));
  const byOrganisation = (kind: string, org: string) => [...messages.values()].filter((m) => m.kind === kind && m.organisationId === org);
  const reminders = store.mailSettings.reminders(wave.id);
  const invitations = store.callEdits.invitations(wave.id);
  const languages = store.mailSettings.languages(wave.callId);
  return (org: string) => {
    const invitation = byOrganisation("invitation", org).at(-1);
    const report = byOrganisation("report-ready", org).at(-1);
    const openedAt = invitations.filter((i) => i.organisation === org && i.openedAt).map((i) => i.openedAt!).sort()[0];
    return {
      language: languages.get(org) ?? "nl",
      ...(invitation && { invitation: mailState(invitation) }),
      ...(openedAt !== undefined && { openedAt }),
      reminders: reminders
        .filter((r) => r.organisation === org)
        .map((r) => ({ daysBefore: r.daysBefore, ...mailState(messages.get(r.mailId)!) })),
      ...(report && { reportReady: mailState(report) }),
    };
  };
}
