import type { Db } from "./database.ts";
import type { Interview, InterviewNote } from "../schema/call-document.ts";
import type { Code } from "../schema/interview-codes.ts";
import type { InterviewSummary, InterviewVersion } from "../schema/answers.ts";
import { refuseStaleSave } from "./stale-version.ts";

/** What one save of an interview stores. */
export interface SaveInterview {
  callId: string;
  lot: string;
  interview: Interview;
  writtenBy: string;
  accountId?: number;
  tokenId?: number;
  savedAt: string;
  /**
   * The version the notes were edited from (0: none yet). When given, the save is
   * refused with 409 `stale_version` if someone saved in between.
   */
  basedOn?: number;
}

interface VersionRow {
  id: number;
  wave_id: string;
  lot_id: string;
  organisation_id: string;
  version: number;
  status: "planned" | "done";
  planned_on: string | null;
  notes: string | null;
  written_by: string;
  saved_at: string;
}
interface NoteRow {
  position: number;
  partner_id: string;
  how_it_looks: string | null;
  how_it_came_about: string | null;
  pros_and_cons: string | null;
  current_vs_desired: string | null;
  support_needed: string | null;
}
interface CodeRow {
  note: number | null;
  code: Code;
}

/** The latest version of each interview of a wave: the one that counts. */
const LATEST = `v.version = (SELECT MAX(v2.version) FROM interview_versions v2 WHERE v2.wave_id = v.wave_id AND v2.organisation_id = v.organisation_id)`;

const toSummary = (v: VersionRow): InterviewSummary => ({
  version: v.version,
  wave: v.wave_id,
  lot: v.lot_id,
  organisation: v.organisation_id,
  status: v.status,
  savedAt: v.saved_at,
  writtenBy: v.written_by,
});

const text = (value: string | null) => value ?? undefined;

/**
 * Interviews and their versions. Every save appends a version with its notes and
 * codes in one transaction; nothing is overwritten.
 */
export class InterviewStore {
  private readonly q;
  private readonly saveTx;

  constructor(db: Db) {
    this.q = {
      nextVersion: db.prepare<[string, string], { next: number }>(
        "SELECT COALESCE(MAX(version), 0) + 1 AS next FROM interview_versions WHERE wave_id = ? AND organisation_id = ?",
      ),
      insertVersion: db.prepare(
        `INSERT INTO interview_versions (call_id, wave_id, lot_id, organisation_id, version, status, planned_on, notes, written_by, account_id, token_id, saved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertNote: db.prepare(
        `INSERT INTO interview_notes (version_id, position, partner_id, how_it_looks, how_it_came_about, pros_and_cons, current_vs_desired, support_needed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertCode: db.prepare("INSERT INTO interview_codes (version_id, note, position, code) VALUES (?, ?, ?, ?)"),
      versions: db.prepare<[string, string], VersionRow>(
        "SELECT * FROM interview_versions WHERE wave_id = ? AND organisation_id = ? ORDER BY version",
      ),
      latest: db.prepare<[string, string], VersionRow>(
        "SELECT * FROM interview_versions WHERE wave_id = ? AND organisation_id = ? ORDER BY version DESC LIMIT 1",
      ),
      version: db.prepare<[string, string, number], VersionRow>(
        "SELECT * FROM interview_versions WHERE wave_id = ? AND organisation_id = ? AND version = ?",
      ),
      latestInWave: db.prepare<[string], VersionRow>(`SELECT v.* FROM interview_versions v WHERE v.wave_id = ? AND ${LATEST} ORDER BY v.organisation_id`),
      latestInCall: db.prepare<[string], VersionRow>(
        `SELECT v.* FROM interview_versions v WHERE v.call_id = ? AND ${LATEST} ORDER BY v.wave_id, v.organisation_id`,
      ),
      notes: db.prepare<[number], NoteRow>("SELECT * FROM interview_notes WHERE version_id = ? ORDER BY position"),
      codes: db.prepare<[number], CodeRow>("SELECT note, code FROM interview_codes WHERE version_id = ? ORDER BY position"),
      codeCounts: db.prepare<[string], { lot_id: string; code: Code; notes: number; interviews: number }>(`
        SELECT v.lot_id, c.code, COUNT(*) AS notes, COUNT(DISTINCT v.organisation_id) AS interviews
        FROM interview_versions v JOIN interview_codes c ON c.version_id = v.id
        WHERE v.wave_id = ? AND ${LATEST}
        GROUP BY v.lot_id, c.code`),
    };
    this.saveTx = db.transaction((s: SaveInterview) => this.insert(s));
  }

  /** Append a version in its own transaction; the caller has validated the interview. */
  save(s: SaveInterview): InterviewSummary {
    return this.saveTx(s);
  }

  /** The insert itself, for callers (the call import) that already hold a transaction. */
  insert(s: SaveInterview): InterviewSummary {
    const iv = s.interview;
    const version = this.q.nextVersion.get(iv.wave, iv.organisation)!.next;
    refuseStaleSave("interview", version, s.basedOn, "body.basedOn");
    const { lastInsertRowid } = this.q.insertVersion.run(
      s.callId, iv.wave, s.lot, iv.organisation, version, iv.status, iv.plannedOn ?? null, iv.notes ?? null,
      s.writtenBy, s.accountId ?? null, s.tokenId ?? null, s.savedAt,
    );
    const insertCodes = (note: number | null, codes: readonly Code[]) =>
      codes.forEach((code, position) => this.q.insertCode.run(lastInsertRowid, note, position, code));
    insertCodes(null, iv.codes);
    iv.partners.forEach((n, position) => {
      this.q.insertNote.run(
        lastInsertRowid, position, n.partner, n.howItLooks ?? null, n.howItCameAbout ?? null, n.prosAndCons ?? null,
        n.currentVsDesired ?? null, n.supportNeeded ?? null,
      );
      insertCodes(position, n.codes);
    });
    return { version, wave: iv.wave, lot: s.lot, organisation: iv.organisation, status: iv.status, savedAt: s.savedAt, writtenBy: s.writtenBy };
  }

  latest(waveId: string, organisationId: string): InterviewVersion | undefined {
    const v = this.q.latest.get(waveId, organisationId);
    return v && this.withNotes(v);
  }

  version(waveId: string, organisationId: string, version: number): InterviewVersion | undefined {
    const v = this.q.version.get(waveId, organisationId, version);
    return v && this.withNotes(v);
  }

  versions(waveId: string, organisationId: string): InterviewSummary[] {
    return this.q.versions.all(waveId, organisationId).map(toSummary);
  }

  /** The latest version of each interview of a wave, without notes. */
  latestInWave(waveId: string): Array<InterviewSummary & { plannedOn?: string }> {
    return this.q.latestInWave.all(waveId).map((v) => ({ ...toSummary(v), ...(v.planned_on !== null && { plannedOn: v.planned_on }) }));
  }

  /** The latest version of each interview of a call, with its notes: what the call document and the CSV carry. */
  latestInCall(callId: string): InterviewVersion[] {
    return this.q.latestInCall.all(callId).map((v) => this.withNotes(v));
  }

  /** Per lot and code, over the latest version of each interview of the wave: notes tagged and interviews that tag it. */
  codeCounts(waveId: string): Array<{ lot: string; code: Code; notes: number; interviews: number }> {
    return this.q.codeCounts.all(waveId).map((r) => ({ lot: r.lot_id, code: r.code, notes: r.notes, interviews: r.interviews }));
  }

  private withNotes(v: VersionRow): InterviewVersion {
    const codes = this.q.codes.all(v.id);
    const codesOf = (note: number | null) => codes.filter((c) => c.note === note).map((c) => c.code);
    const partners = this.q.notes.all(v.id).map(
      (n): InterviewNote => ({
        partner: n.partner_id,
        ...optional({
          howItLooks: text(n.how_it_looks),
          howItCameAbout: text(n.how_it_came_about),
          prosAndCons: text(n.pros_and_cons),
          currentVsDesired: text(n.current_vs_desired),
          supportNeeded: text(n.support_needed),
        }),
        codes: codesOf(n.position),
      }),
    );
    return {
      ...toSummary(v),
      ...(v.planned_on !== null && { plannedOn: v.planned_on }),
      ...(v.notes !== null && { notes: v.notes }),
      codes: codesOf(null),
      partners,
    };
  }
}

/** The fields that have a value: an absent note field is left out, not written as undefined. */
function optional<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
