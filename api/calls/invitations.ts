import type { InvitationRecord } from "../store/call-edit-store.ts";
import type { StoredWave } from "../store/call-store.ts";
import type { Store } from "../store/store.ts";
import { ConflictError, RuleError, formatPath, type Problem } from "../schema/problems.ts";

/**
 * Invitation links after they were handed out: a lost or leaked link is revoked and
 * replaced by a new one for the same circle; the consultant's e-mail is kept for
 * the mail merge. A link is shown once, when it is made; only its hash is stored.
 */

/** One new link for every active member of the wave's call that has no live one; the tokens are returned once, never stored. */
export function inviteMembers(store: Store, wave: StoredWave, now: Date): Array<{ organisation: string; lot: string; token: string }> {
  return store.atomically(() => {
    const invited = new Set(store.tokens.invitations(wave.id).filter((t) => !t.revokedAt).map((t) => t.organisationId));
    return store.calls
      .callMembers(wave.callId)
      .filter((m) => m.active && !invited.has(m.organisation))
      .map((m) => {
        const { token } = store.tokens.create({ role: "respondent", callId: wave.callId, waveId: wave.id, lotId: m.lot, organisationId: m.organisation }, now);
        return { organisation: m.organisation, lot: m.lot, token };
      });
  });
}

/** Revoke an invitation and make its successor (same wave and organisation, the member's lot now, same e-mail). */
export function reissueInvitation(store: Store, old: InvitationRecord, now: Date): { token: string; invitation: InvitationRecord } {
  return store.atomically(() => {
    const member = store.calls.membership(old.callId, old.organisation);
    if (!member?.active) {
      throw new ConflictError(`"${old.organisation}" is no longer an active member of a lot; it gets no new link`, [], "not_active");
    }
    const other = store.callEdits
      .invitations(old.waveId)
      .find((i) => i.organisation === old.organisation && !i.revokedAt && i.id !== old.id);
    if (other) {
      throw new ConflictError(`"${old.organisation}" already has another live link for this wave (invitation ${other.id})`, [], "already_invited");
    }
    store.tokens.revoke(old.id, now);
    const { token, record } = store.tokens.create(
      { role: "respondent", callId: old.callId, waveId: old.waveId, lotId: member.lot, organisationId: old.organisation },
      now,
    );
    if (old.email !== undefined) store.callEdits.setInvitationEmail(record.id, old.email);
    return { token, invitation: store.callEdits.invitation(record.id)! };
  });
}

/** Set the e-mails of the live invitations of a wave, all or none. */
export function setInvitationEmails(store: Store, waveId: string, emails: Array<{ organisation: string; email: string | null }>): InvitationRecord[] {
  return store.atomically(() => {
    const live = new Map(
      store.callEdits.invitations(waveId).filter((i) => !i.revokedAt).map((i) => [i.organisation, i]),
    );
    const problems: Problem[] = [];
    emails.forEach((e, i) => {
      if (!live.has(e.organisation)) {
        problems.push({ path: formatPath(["body", "emails", i, "organisation"]), message: `"${e.organisation}" has no live invitation in this wave` });
      }
    });
    if (problems.length) throw new RuleError("no e-mail was saved", problems);
    for (const e of emails) store.callEdits.setInvitationEmail(live.get(e.organisation)!.id, e.email);
    return store.callEdits.invitations(waveId).filter((i) => !i.revokedAt);
  });
}
