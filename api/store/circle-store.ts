import type { Db } from "./database.ts";
import type { CircleVersion, VersionSummary } from "../schema/answers.ts";
import type { NextPartners, Tie } from "../schema/call-document.ts";
import { FORMS } from "../schema/forms.ts";
import { nextPartnersColumn, nextPartnersOf, tieAnswersColumn, tiesFromRows, type VersionRow } from "./call-store.ts";
import { GroupCommit } from "./group-commit.ts";
import { refuseStaleSave } from "./stale-version.ts";

export interface SaveCircle {
  callId: string;
  wave: string;
  lot: string;
  respondent: string;
  ties: Tie[];
  nextPartners?: NextPartners;
  /** Set for a submitted version (an ISO date-time); absent for a draft. */
  submittedAt?: string;
  enteredBy?: string;
  savedAt: string;
  /**
   * The version the circle was edited from (0: none yet). When given, the save is
   * refused with 409 `stale_version` if the circle has moved on since: another tab
   * or person saved in between.
   */
  basedOn?: number;
}

export type SubmissionListener = (lotId: string, waveId: string) => void;

type SummaryRow = Pick<VersionRow, "version" | "wave_id" | "lot_id" | "respondent_id" | "saved_at" | "submitted_at" | "entered_by">;

const toSummary = (v: SummaryRow): VersionSummary => ({
  version: v.version,
  wave: v.wave_id,
  lot: v.lot_id,
  respondent: v.respondent_id,
  status: v.submitted_at === null ? "draft" : "submitted",
  savedAt: v.saved_at,
  ...(v.submitted_at !== null && { submittedAt: v.submitted_at }),
  ...(v.entered_by !== null && { enteredBy: v.entered_by }),
});

/**
 * Circles and their versions. Every save appends a version with its ties in one
 * transaction; nothing is overwritten. The latest submitted version is the one
 * analysis uses; drafts never count.
 */
export class CircleStore {
  private readonly q;
  private readonly listeners: SubmissionListener[] = [];
  /** Saves are written in group transactions: one disk flush for every save that arrived meanwhile. */
  readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = new GroupCommit(db);
    this.q = {
      nextVersion: db.prepare<[string, string], { next: number }>(
        "SELECT COALESCE(MAX(version), 0) + 1 AS next FROM circle_versions WHERE wave_id = ? AND respondent_id = ?",
      ),
      insertVersion: db.prepare(
        `INSERT INTO circle_versions (call_id, wave_id, lot_id, respondent_id, version, submitted_at, saved_at, entered_by, next_partners, tie_answers)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // Every tie row of a version in one statement, from [partner, position, form, score] rows in JSON:
      // a save then costs three statements whatever the size of the circle.
      insertTies: db.prepare(
        `INSERT INTO ties (version_id, partner_id, position, form, score)
         SELECT ?, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3 FROM json_each(?) r`,
      ),
      versions: db.prepare<[string, string], VersionRow>(
        "SELECT * FROM circle_versions WHERE wave_id = ? AND respondent_id = ? ORDER BY version",
      ),
      latest: db.prepare<[string, string], VersionRow>(
        "SELECT * FROM circle_versions WHERE wave_id = ? AND respondent_id = ? ORDER BY version DESC LIMIT 1",
      ),
      version: db.prepare<[string, string, number], VersionRow>(
        "SELECT * FROM circle_versions WHERE wave_id = ? AND respondent_id = ? AND version = ?",
      ),
      latestSubmittedInLot: db.prepare<[string, string], VersionRow>(`
        SELECT v.* FROM circle_versions v
        WHERE v.lot_id = ? AND v.wave_id = ? AND v.submitted_at IS NOT NULL AND v.version = (
          SELECT MAX(v2.version) FROM circle_versions v2
          WHERE v2.wave_id = v.wave_id AND v2.respondent_id = v.respondent_id AND v2.submitted_at IS NOT NULL)
        ORDER BY v.respondent_id`),
      latestInWave: db.prepare<[string], VersionRow>(`
        SELECT v.* FROM circle_versions v
        WHERE v.wave_id = ? AND v.version = (
          SELECT MAX(v2.version) FROM circle_versions v2 WHERE v2.wave_id = v.wave_id AND v2.respondent_id = v.respondent_id)`),
      submittedInWave: db.prepare<[string], { respondent_id: string }>(
        "SELECT DISTINCT respondent_id FROM circle_versions WHERE wave_id = ? AND submitted_at IS NOT NULL",
      ),
      ties: db.prepare<[number], { version_id: number; partner_id: string; form: string; score: number }>(
        "SELECT version_id, partner_id, form, score FROM ties WHERE version_id = ? ORDER BY position, form",
      ),
      count: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM circle_versions"),
      wavesWithSubmissions: db.prepare<[string], { id: string }>(`
        SELECT w.id FROM waves w WHERE w.call_id = ? AND EXISTS (
          SELECT 1 FROM circle_versions v WHERE v.wave_id = w.id AND v.submitted_at IS NOT NULL)`),
    };
  }

  /** Called after every submitted version is committed, with its lot and wave. */
  onSubmission(listener: SubmissionListener): void {
    this.listeners.push(listener);
  }

  /**
   * Append a version; the caller has validated the ties. `precondition` runs in the
   * same transaction just before (a rule about stored state, such as the wave being
   * open); when it throws, nothing is written. Resolves once the version is committed.
   */
  async save(c: SaveCircle, precondition?: () => void): Promise<VersionSummary> {
    const summary = await this.writes.run(() => {
      precondition?.();
      return this.insert(c);
    });
    if (c.submittedAt !== undefined) for (const l of this.listeners) l(c.lot, c.wave);
    return summary;
  }

  /** The insert itself, for callers (the call import) that already hold a transaction. */
  insert(c: SaveCircle): VersionSummary {
    const version = this.q.nextVersion.get(c.wave, c.respondent)!.next;
    refuseStaleSave("circle", version, c.basedOn, "basedOn");
    const { lastInsertRowid } = this.q.insertVersion.run(
      c.callId, c.wave, c.lot, c.respondent, version, c.submittedAt ?? null, c.savedAt, c.enteredBy ?? null,
      nextPartnersColumn(c.nextPartners), tieAnswersColumn(c.ties),
    );
    const rows: Array<[string, number, string, number]> = [];
    c.ties.forEach((t, position) => {
      for (const form of FORMS) {
        const score = t.forms[form];
        if (score !== undefined) rows.push([t.partner, position, form, score]);
      }
    });
    if (rows.length) this.q.insertTies.run(lastInsertRowid, JSON.stringify(rows));
    // The summary of the row just written, as a read of it would give.
    return toSummary({
      version,
      wave_id: c.wave,
      lot_id: c.lot,
      respondent_id: c.respondent,
      saved_at: c.savedAt,
      submitted_at: c.submittedAt ?? null,
      entered_by: c.enteredBy ?? null,
    });
  }

  latest(waveId: string, respondent: string): CircleVersion | undefined {
    const v = this.q.latest.get(waveId, respondent);
    return v && this.withTies(v);
  }

  version(waveId: string, respondent: string, version: number): CircleVersion | undefined {
    const v = this.q.version.get(waveId, respondent, version);
    return v && this.withTies(v);
  }

  versions(waveId: string, respondent: string): VersionSummary[] {
    return this.q.versions.all(waveId, respondent).map(toSummary);
  }

  /** The circles analysis uses: per respondent, the latest submitted version in that lot and wave. */
  submittedInLot(lotId: string, waveId: string): CircleVersion[] {
    return this.q.latestSubmittedInLot.all(lotId, waveId).map((v) => this.withTies(v));
  }

  /** Per respondent of a wave: the latest version of any status, and whether any version was submitted. */
  progress(waveId: string): Array<VersionSummary & { everSubmitted: boolean }> {
    const submitted = new Set(this.q.submittedInWave.all(waveId).map((r) => r.respondent_id));
    return this.q.latestInWave
      .all(waveId)
      .map((v) => ({ ...toSummary(v), everSubmitted: submitted.has(v.respondent_id) }));
  }

  /** How many versions are stored in all; for checks that nothing was lost or written. */
  /** The waves of a call in which at least one circle has been submitted. */
  wavesWithSubmissions(callId: string): Set<string> {
    return new Set(this.q.wavesWithSubmissions.all(callId).map((r) => r.id));
  }

  countVersions(): number {
    return this.q.count.get()!.n;
  }

  private withTies(v: VersionRow): CircleVersion {
    return { ...toSummary(v), ties: tiesFromRows(this.q.ties.all(v.id), v.tie_answers), ...nextPartnersOf(v) };
  }
}
