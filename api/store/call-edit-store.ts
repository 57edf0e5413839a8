import type { Db } from "./database.ts";
import { asksColumn } from "./call-store.ts";
import type { Lot, Organisation, Wave, WaveAsks } from "../schema/call-document.ts";

/** An invitation as an administrator sees it: never its link, which only the respondent holds. */
export interface InvitationRecord {
  id: number;
  callId: string;
  waveId: string;
  lotId: string;
  organisation: string;
  email?: string;
  createdAt: string;
  revokedAt?: string;
  /** The first visit of the circle page by this invitation or a link sent for it. */
  openedAt?: string;
}

interface InvitationRow {
  id: number;
  call_id: string;
  wave_id: string;
  lot_id: string;
  organisation_id: string;
  email: string | null;
  created_at: string;
  revoked_at: string | null;
  opened_at: string | null;
}

const toInvitation = (r: InvitationRow): InvitationRecord => ({
  id: r.id,
  callId: r.call_id,
  waveId: r.wave_id,
  lotId: r.lot_id,
  organisation: r.organisation_id,
  ...(r.email !== null && { email: r.email }),
  createdAt: r.created_at,
  ...(r.revoked_at !== null && { revokedAt: r.revoked_at }),
  ...(r.opened_at !== null && { openedAt: r.opened_at }),
});

const INVITATION_COLUMNS = "id, call_id, wave_id, lot_id, organisation_id, email, created_at, revoked_at, opened_at";

/** Thrown inside a rehearsal to undo it. */
const REHEARSAL = Symbol("rehearsal");

/**
 * The SQL of an administrator's changes to a call after its import: organisations,
 * lots, memberships, waves and the invitations that follow them. The rules are
 * checked by the caller (api/calls) before any of these run; multi-row changes run
 * in the caller's transaction. Every write tells the change listeners (what is kept
 * in memory of calls and tokens), committed or not: an edit, a rehearsal, a wave's state.
 */
export class CallEditStore {
  private readonly q;
  private readonly listeners: Array<(callId: string) => void> = [];
  private readonly changeListeners: Array<() => void> = [];

  constructor(private readonly db: Db) {
    this.q = {
      insertOrg: db.prepare(`
        INSERT INTO organisations (call_id, id, name, initials, sector, size, kind, position)
        VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM organisations WHERE call_id = ?))`),
      updateOrg: db.prepare(
        "UPDATE organisations SET name = ?, initials = ?, sector = ?, size = ?, kind = ? WHERE call_id = ? AND id = ?",
      ),
      insertLot: db.prepare(`
        INSERT INTO lots (id, call_id, number, name, joint_committees, position)
        VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM lots WHERE call_id = ?))`),
      updateLot: db.prepare("UPDATE lots SET number = ?, name = ?, joint_committees = ? WHERE id = ?"),
      insertMember: db.prepare(`
        INSERT INTO memberships (call_id, organisation_id, lot_id, role, active, position)
        VALUES (?, ?, ?, 'partner', ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM memberships WHERE lot_id = ?))`),
      deleteMember: db.prepare("DELETE FROM memberships WHERE call_id = ? AND organisation_id = ?"),
      demoteCoordinator: db.prepare("UPDATE memberships SET role = 'partner' WHERE lot_id = ? AND role = 'coordinator'"),
      promote: db.prepare("UPDATE memberships SET role = 'coordinator' WHERE lot_id = ? AND organisation_id = ?"),
      setActive: db.prepare("UPDATE memberships SET active = ? WHERE call_id = ? AND organisation_id = ?"),
      insertWave: db.prepare(`
        INSERT INTO waves (id, call_id, name, opens, closes, state, position, asks)
        VALUES (?, ?, ?, ?, ?, NULL, (SELECT COALESCE(MAX(position), -1) + 1 FROM waves WHERE call_id = ?), ?)`),
      setWaveAsks: db.prepare("UPDATE waves SET asks = ? WHERE id = ?"),
      setWaveState: db.prepare("UPDATE waves SET state = ?, closed_on = ? WHERE id = ?"),
      moveInvitations: db.prepare(
        "UPDATE tokens SET lot_id = ? WHERE role = 'respondent' AND call_id = ? AND organisation_id = ? AND revoked_at IS NULL",
      ),
      revokeInvitations: db.prepare(
        "UPDATE tokens SET revoked_at = ? WHERE role = 'respondent' AND call_id = ? AND organisation_id = ? AND revoked_at IS NULL",
      ),
      invitations: db.prepare<[string], InvitationRow>(
        `SELECT ${INVITATION_COLUMNS} FROM tokens WHERE role = 'respondent' AND wave_id = ? AND parent_id IS NULL ORDER BY id`,
      ),
      invitation: db.prepare<[number], InvitationRow>(
        `SELECT ${INVITATION_COLUMNS} FROM tokens WHERE role = 'respondent' AND id = ? AND parent_id IS NULL`,
      ),
      setEmail: db.prepare("UPDATE tokens SET email = ? WHERE role = 'respondent' AND id = ?"),
    };
  }

  addOrganisation(callId: string, o: Organisation): void {
    this.q.insertOrg.run(callId, o.id, o.name, o.initials ?? null, o.sector ?? null, o.size ?? null, o.kind, callId);
  }

  updateOrganisation(callId: string, o: Organisation): void {
    this.q.updateOrg.run(o.name, o.initials ?? null, o.sector ?? null, o.size ?? null, o.kind, callId, o.id);
  }

  addLot(callId: string, l: Omit<Lot, "members">): void {
    this.q.insertLot.run(l.id, callId, l.number, l.name, l.jointCommittees ? JSON.stringify(l.jointCommittees) : null, callId);
  }

  updateLot(l: Omit<Lot, "members">): void {
    this.q.updateLot.run(l.number, l.name, l.jointCommittees ? JSON.stringify(l.jointCommittees) : null, l.id);
  }

  /** Place an organisation at the end of a lot as a partner, or out of every lot; its live invitations follow it. */
  moveMember(callId: string, organisation: string, lotId: string | null, active: boolean, now: Date): void {
    this.q.deleteMember.run(callId, organisation);
    if (lotId === null) {
      this.q.revokeInvitations.run(now.toISOString(), callId, organisation);
      return;
    }
    this.q.insertMember.run(callId, organisation, lotId, active ? 1 : 0, lotId);
    this.q.moveInvitations.run(lotId, callId, organisation);
  }

  /** Demote first: the schema allows one coordinator per lot at every moment. */
  setCoordinator(lotId: string, organisation: string | null): void {
    this.q.demoteCoordinator.run(lotId);
    if (organisation !== null) this.q.promote.run(lotId, organisation);
  }

  /** An inactive member gives no circle, so its live invitations are revoked with it. */
  setActive(callId: string, organisation: string, active: boolean, now: Date): void {
    this.q.setActive.run(active ? 1 : 0, callId, organisation);
    if (!active) this.q.revokeInvitations.run(now.toISOString(), callId, organisation);
  }

  addWave(callId: string, w: Wave): void {
    this.q.insertWave.run(w.id, callId, w.name, w.opens, w.closes, callId, asksColumn(w));
  }

  setWaveAsks(waveId: string, asks: WaveAsks): void {
    this.q.setWaveAsks.run(asksColumn({ asks }), waveId);
  }

  /** `null` lets the wave follow its dates again; `closedOn` is the day an administrator closed it early. */
  setWaveState(waveId: string, state: "open" | "closed" | null, closedOn: string | null): void {
    try {
      this.q.setWaveState.run(state, closedOn, waveId);
    } finally {
      this.changed();
    }
  }

  invitations(waveId: string): InvitationRecord[] {
    return this.q.invitations.all(waveId).map(toInvitation);
  }

  invitation(id: number): InvitationRecord | undefined {
    const r = this.q.invitation.get(id);
    return r && toInvitation(r);
  }

  /** The consultant's e-mail for the mail merge; `null` forgets it. */
  setInvitationEmail(id: number, email: string | null): void {
    this.q.setEmail.run(email, id);
  }

  /** Called after every edit of a call's organisations, lots, members or waves is committed. */
  onEdit(listener: (callId: string) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Called after anything of a call or its invitations may have changed, whether the
   * change was committed or undone (what was read meanwhile may be either).
   */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  /** Run the writes of one edit of a call in one transaction; once committed, tell the listeners. */
  edit<T>(callId: string, writes: () => T): T {
    let result: T;
    try {
      result = this.db.transaction(writes)();
    } finally {
      this.changed();
    }
    for (const l of this.listeners) l(callId);
    return result;
  }

  /** Run writes and undo them: a dry run that meets exactly the checks of the real one. */
  rehearse(write: () => void): void {
    try {
      this.db.transaction(() => {
        write();
        throw REHEARSAL;
      })();
    } catch (err) {
      if (err !== REHEARSAL) throw err;
    } finally {
      this.changed();
    }
  }
}
