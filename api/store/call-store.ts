import type { Db } from "./database.ts";
import type { Circle, CallDocument, Forms, Lot, Member, NextPartners, Organisation, Tie, Wave } from "../schema/call-document.ts";
import { CALL_FORMAT } from "../schema/call-document.ts";
import { ConflictError, type Problem } from "../schema/problems.ts";

export interface CallSummary {
  id: string;
  name: string;
  start: string;
  end: string;
  description?: string;
}

export interface StoredLot {
  id: string;
  callId: string;
  number: number;
  name: string;
  jointCommittees?: string[];
}

/** How a lot and a wave are named in answers: enough to show, nothing more. */
export const lotBrief = (lot: StoredLot) => ({ id: lot.id, number: lot.number, name: lot.name });
export const waveBrief = (wave: Pick<StoredWave, "id" | "name">) => ({ id: wave.id, name: wave.name });

export interface StoredWave extends Wave {
  callId: string;
  /** An administrator's decision; absent when the wave follows its dates. */
  state?: "open" | "closed";
  /** The day an administrator closed the wave while it was open. */
  closedOn?: string;
}

export interface StoredMember extends Member {
  lot: string;
}

interface CallRow { id: string; name: string; start: string; end_date: string; description: string | null }
interface OrgRow { id: string; name: string; initials: string | null; sector: string | null; size: string | null; kind: string }
interface LotRow { id: string; call_id: string; number: number; name: string; joint_committees: string | null }
interface WaveRow { id: string; call_id: string; name: string; opens: string; closes: string; state: string | null; closed_on: string | null; asks: string | null }
interface MemberRow { lot_id: string; organisation_id: string; role: string; active: number }
export interface VersionRow {
  id: number;
  wave_id: string;
  lot_id: string;
  respondent_id: string;
  version: number;
  submitted_at: string | null;
  saved_at: string;
  entered_by: string | null;
  next_partners: string | null;
  tie_answers: string | null;
}
interface TieRow { version_id: number; partner_id: string; form: string; score: number }

const toCall = (r: CallRow): CallSummary => ({
  id: r.id,
  name: r.name,
  start: r.start,
  end: r.end_date,
  ...(r.description !== null && { description: r.description }),
});
const toOrganisation = (r: OrgRow): Organisation => ({
  id: r.id,
  name: r.name,
  ...(r.initials !== null && { initials: r.initials }),
  ...(r.sector !== null && { sector: r.sector }),
  ...(r.size !== null && { size: r.size as "small" | "large" }),
  kind: r.kind as Organisation["kind"],
});
const toLot = (r: LotRow): StoredLot => ({
  id: r.id,
  callId: r.call_id,
  number: r.number,
  name: r.name,
  ...(r.joint_committees !== null && { jointCommittees: JSON.parse(r.joint_committees) as string[] }),
});
const toWave = (r: WaveRow): StoredWave => ({
  id: r.id,
  callId: r.call_id,
  name: r.name,
  opens: r.opens,
  closes: r.closes,
  ...(r.asks !== null && { asks: JSON.parse(r.asks) as Wave["asks"] }),
  ...(r.state !== null && { state: r.state as "open" | "closed" }),
  ...(r.closed_on !== null && { closedOn: r.closed_on }),
});

/** A wave's questions as stored: the author's JSON, kept as given so that export returns it exactly. */
export const asksColumn = (w: Pick<Wave, "asks">): string | null => (w.asks === undefined ? null : JSON.stringify(w.asks));

/** A version's next-partner answer as stored. */
export const nextPartnersColumn = (n: NextPartners | undefined): string | null => (n === undefined ? null : JSON.stringify(n));
export const nextPartnersOf = (v: Pick<VersionRow, "next_partners">) =>
  v.next_partners === null ? {} : { nextPartners: JSON.parse(v.next_partners) as NextPartners };
const toMember = (r: MemberRow): StoredMember => ({
  lot: r.lot_id,
  organisation: r.organisation_id,
  role: r.role as Member["role"],
  active: r.active === 1,
});

/** A tie's answers to the wave's tie questions, as kept in `tie_answers`. */
type TieAnswers = Pick<Tie, "partner" | "desired" | "channels">;

/** The ties' answers to the wave's tie questions as stored: NULL when no tie has any. */
export function tieAnswersColumn(ties: Tie[]): string | null {
  if (!ties.some((t) => t.desired !== undefined || t.channels !== undefined)) return null;
  return JSON.stringify(ties.map(({ partner, desired, channels }): TieAnswers => ({ partner, desired, channels })));
}

/**
 * Group tie rows (one per partner and form) back into ties, keeping the partners'
 * order; with the version's `tie_answers`, that list gives the order and the
 * answers, and brings back ties that have no forms yet.
 */
export function tiesFromRows(rows: TieRow[], tieAnswers: string | null = null): Tie[] {
  const byPartner = new Map<string, Forms>();
  for (const r of rows) {
    const forms = byPartner.get(r.partner_id) ?? {};
    forms[r.form as keyof Forms] = r.score;
    byPartner.set(r.partner_id, forms);
  }
  if (tieAnswers === null) return [...byPartner].map(([partner, forms]) => ({ partner, forms }));
  return (JSON.parse(tieAnswers) as TieAnswers[]).map(({ partner, desired, channels }) => ({
    partner,
    forms: byPartner.get(partner) ?? {},
    ...(desired !== undefined && { desired }),
    ...(channels !== undefined && { channels }),
  }));
}

/** A row kept in memory, frozen so that no caller can change what the next one reads. */
function frozen<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Calls, organisations, lots, memberships and waves: the call document in and out.
 * Owns the SQL for those tables; every statement is prepared once.
 *
 * What every save and every figure read asks (a wave, a lot, a call, its lots, waves
 * and organisation ids) is kept in memory until `forget`, which the store calls after
 * anything of a call may have changed: an import, an edit, a rehearsal, a wave's state.
 */
export class CallStore {
  private readonly q;
  /** Kept answers by method and id; only what exists is kept, so unknown ids cannot fill it. */
  private readonly kept = new Map<string, unknown>();

  constructor(db: Db) {
    this.q = {
      callExists: db.prepare<[string], { id: string }>("SELECT id FROM calls WHERE id = ?"),
      lotTaken: db.prepare<[string], { call_id: string }>("SELECT call_id FROM lots WHERE id = ?"),
      waveTaken: db.prepare<[string], { call_id: string }>("SELECT call_id FROM waves WHERE id = ?"),
      insertCall: db.prepare(
        "INSERT INTO calls (id, name, start, end_date, description, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      insertOrg: db.prepare(
        "INSERT INTO organisations (call_id, id, name, initials, sector, size, kind, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      insertLot: db.prepare(
        "INSERT INTO lots (id, call_id, number, name, joint_committees, position) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      insertMember: db.prepare(
        "INSERT INTO memberships (call_id, organisation_id, lot_id, role, active, position) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      insertWave: db.prepare(
        "INSERT INTO waves (id, call_id, name, opens, closes, state, position, asks) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)",
      ),
      calls: db.prepare<[], CallRow>("SELECT * FROM calls ORDER BY start DESC, id"),
      call: db.prepare<[string], CallRow>("SELECT * FROM calls WHERE id = ?"),
      organisations: db.prepare<[string], OrgRow>("SELECT * FROM organisations WHERE call_id = ? ORDER BY position, id"),
      organisation: db.prepare<[string, string], OrgRow>("SELECT * FROM organisations WHERE call_id = ? AND id = ?"),
      organisationIds: db.prepare<[string], string>("SELECT id FROM organisations WHERE call_id = ?").pluck(),
      lots: db.prepare<[string], LotRow>("SELECT * FROM lots WHERE call_id = ? ORDER BY position, number"),
      lot: db.prepare<[string], LotRow>("SELECT * FROM lots WHERE id = ?"),
      waves: db.prepare<[string], WaveRow>("SELECT * FROM waves WHERE call_id = ? ORDER BY position, opens"),
      wave: db.prepare<[string], WaveRow>("SELECT * FROM waves WHERE id = ?"),
      callMembers: db.prepare<[string], MemberRow>(
        "SELECT m.* FROM memberships m JOIN lots l ON l.id = m.lot_id WHERE m.call_id = ? ORDER BY l.position, m.position",
      ),
      lotMembers: db.prepare<[string], MemberRow>("SELECT * FROM memberships WHERE lot_id = ? ORDER BY position"),
      membership: db.prepare<[string, string], MemberRow>(
        "SELECT * FROM memberships WHERE call_id = ? AND organisation_id = ?",
      ),
      // The circle that counts for export: the latest submitted version, else the latest draft.
      exportVersions: db.prepare<[string], VersionRow>(`
        SELECT v.* FROM circle_versions v
        WHERE v.call_id = ? AND v.id = (
          SELECT v2.id FROM circle_versions v2
          WHERE v2.wave_id = v.wave_id AND v2.respondent_id = v.respondent_id
          ORDER BY v2.submitted_at IS NULL, v2.version DESC LIMIT 1)
        ORDER BY v.wave_id, v.lot_id, v.respondent_id`),
      callTies: db.prepare<[string], TieRow>(`
        SELECT t.version_id, t.partner_id, t.form, t.score FROM ties t
        JOIN circle_versions v ON v.id = t.version_id WHERE v.call_id = ?
        ORDER BY t.version_id, t.position, t.form`),
    };
  }

  /**
   * Write a whole call document, all or nothing. The document must already have
   * passed `validateCallDocument`; here only conflicts with stored data are checked.
   */
  importCall(doc: CallDocument, now: Date, insertCircle: (circle: Circle, callId: string) => void): void {
    const problems: Problem[] = [];
    if (this.q.callExists.get(doc.call.id)) problems.push({ path: "call.id", message: `call "${doc.call.id}" exists already` });
    doc.lots.forEach((l, i) => {
      const owner = this.q.lotTaken.get(l.id);
      if (owner) problems.push({ path: `lots[${i}].id`, message: `lot id "${l.id}" is used by call "${owner.call_id}"` });
    });
    doc.waves.forEach((w, i) => {
      const owner = this.q.waveTaken.get(w.id);
      if (owner) problems.push({ path: `waves[${i}].id`, message: `wave id "${w.id}" is used by call "${owner.call_id}"` });
    });
    if (problems.length) throw new ConflictError("the call conflicts with stored data", problems);

    const c = doc.call;
    this.q.insertCall.run(c.id, c.name, c.start, c.end, c.description ?? null, now.toISOString());
    doc.organisations.forEach((o, i) =>
      this.q.insertOrg.run(c.id, o.id, o.name, o.initials ?? null, o.sector ?? null, o.size ?? null, o.kind, i),
    );
    doc.lots.forEach((l, i) => {
      this.q.insertLot.run(l.id, c.id, l.number, l.name, l.jointCommittees ? JSON.stringify(l.jointCommittees) : null, i);
      l.members.forEach((m, mi) =>
        this.q.insertMember.run(c.id, m.organisation, l.id, m.role, m.active ? 1 : 0, mi),
      );
    });
    doc.waves.forEach((w, i) => this.q.insertWave.run(w.id, c.id, w.name, w.opens, w.closes, i, asksColumn(w)));
    for (const circle of doc.circles) insertCircle(circle, c.id);
  }

  exportCall(callId: string): CallDocument | undefined {
    const call = this.call(callId);
    if (!call) return undefined;
    const members = this.q.callMembers.all(callId).map(toMember);
    const tiesByVersion = new Map<number, TieRow[]>();
    for (const t of this.q.callTies.all(callId)) {
      const list = tiesByVersion.get(t.version_id) ?? [];
      list.push(t);
      tiesByVersion.set(t.version_id, list);
    }
    return {
      format: CALL_FORMAT,
      call,
      organisations: this.organisations(callId),
      lots: this.lots(callId).map((l): Lot => ({
        id: l.id,
        number: l.number,
        name: l.name,
        ...(l.jointCommittees && { jointCommittees: l.jointCommittees }),
        members: members
          .filter((m) => m.lot === l.id)
          .map(({ organisation, role, active }) => ({ organisation, role, active })),
      })),
      waves: this.waves(callId).map(({ id, name, opens, closes, asks }) => ({ id, name, opens, closes, ...(asks && { asks }) })),
      circles: this.q.exportVersions.all(callId).map((v) => ({
        wave: v.wave_id,
        lot: v.lot_id,
        respondent: v.respondent_id,
        ...(v.submitted_at !== null && { submittedAt: v.submitted_at }),
        ties: tiesFromRows(tiesByVersion.get(v.id) ?? [], v.tie_answers),
        ...nextPartnersOf(v),
      })),
    };
  }

  /** Forget every kept answer: the next read goes to the database. */
  forget(): void {
    this.kept.clear();
  }

  private keep<T>(key: string, read: () => T | undefined): T | undefined {
    const kept = this.kept.get(key) as T | undefined;
    if (kept !== undefined) return kept;
    const value = read();
    if (value !== undefined) this.kept.set(key, frozen(value));
    return value;
  }

  calls(): CallSummary[] {
    return this.q.calls.all().map(toCall);
  }

  call(callId: string): CallSummary | undefined {
    return this.keep(`call\u0000${callId}`, () => {
      const r = this.q.call.get(callId);
      return r && toCall(r);
    });
  }

  organisations(callId: string): Organisation[] {
    return this.q.organisations.all(callId).map(toOrganisation);
  }

  /** The ids of the call's organisations: what validating a circle asks on every save. */
  organisationsOf(callId: string): ReadonlySet<string> {
    return this.keep(`organisationIds\u0000${callId}`, () => new Set(this.q.organisationIds.all(callId)))!;
  }

  organisation(callId: string, id: string): Organisation | undefined {
    const r = this.q.organisation.get(callId, id);
    return r && toOrganisation(r);
  }

  /** A fresh array of kept lots (each read-only), so that the caller may sort or extend it. */
  lots(callId: string): StoredLot[] {
    return [...this.keep(`lots\u0000${callId}`, () => this.q.lots.all(callId).map(toLot))!];
  }

  lot(lotId: string): StoredLot | undefined {
    return this.keep(`lot\u0000${lotId}`, () => {
      const r = this.q.lot.get(lotId);
      return r && toLot(r);
    });
  }

  /** A fresh array of kept waves (each read-only), so that the caller may sort or extend it. */
  waves(callId: string): StoredWave[] {
    return [...this.keep(`waves\u0000${callId}`, () => this.q.waves.all(callId).map(toWave))!];
  }

  wave(waveId: string): StoredWave | undefined {
    return this.keep(`wave\u0000${waveId}`, () => {
      const r = this.q.wave.get(waveId);
      return r && toWave(r);
    });
  }

  members(lotId: string): StoredMember[] {
    return this.q.lotMembers.all(lotId).map(toMember);
  }

  callMembers(callId: string): StoredMember[] {
    return this.q.callMembers.all(callId).map(toMember);
  }

  membership(callId: string, organisationId: string): StoredMember | undefined {
    const r = this.q.membership.get(callId, organisationId);
    return r && toMember(r);
  }
}
