import type { InterviewVersion } from "../schema/answers.ts";
import { NOTE_FIELDS } from "../schema/interview-codes.ts";
import type { Store } from "../store/store.ts";
import type { StoredWave } from "../store/call-store.ts";
import { csvFile } from "./csv.ts";
import { codesOf, waveCodeOf } from "./pseudonymise.ts";

/** Columns of every interview CSV: who, about whom, where it stands, and the codes (separated by spaces). */
const KEY_COLUMNS = ["wave", "lot", "organisation", "partner", "status", "codes"] as const;
/** Columns only a CSV with names has: names, the planned day, who wrote it, and every free text. */
const NAMED_COLUMNS = ["organisationName", "partnerName", "plannedOn", "version", "savedAt", "writtenBy", "notes", ...NOTE_FIELDS] as const;

/**
 * The latest version of each interview of a wave as CSV, a row per note: first the
 * general notes (empty `partner`), then one per partner. Pseudonymised, organisations
 * and lots get the codes of `pseudonymise.ts` for `exportKey` and the wave its
 * WAVE-n, and every column of free text, names, days and writers is left out: notes
 * may name people, so only statuses and codes remain.
 */
export function interviewsCsv(store: Store, wave: StoredWave, pseudonymise: { exportKey: string } | undefined): string {
  const interviews = store.interviews.latestInCall(wave.callId).filter((v) => v.wave === wave.id);
  const names = new Map(store.calls.organisations(wave.callId).map((o) => [o.id, o.name]));
  const rows = interviews.flatMap((v: InterviewVersion) => [
    { partner: "", codes: v.codes, text: { notes: v.notes } },
    ...v.partners.map((n) => ({ partner: n.partner, codes: n.codes, text: Object.fromEntries(NOTE_FIELDS.map((f) => [f, n[f]])) })),
  ].map((note) => ({ v, ...note })));
  if (pseudonymise) {
    const codes = codesOf(
      store.calls.organisations(wave.callId).map((o) => o.id),
      store.calls.lots(wave.callId).map((l) => l.id),
      pseudonymise.exportKey,
    );
    const org = (id: string) => (id === "" ? "" : codes.organisations.get(id)!);
    const waveCode = waveCodeOf(store.calls.waves(wave.callId), wave.id);
    const coded = rows
      .map(({ v, partner, codes: tags }) => ({
        wave: waveCode,
        lot: codes.lots.get(v.lot)!,
        organisation: org(v.organisation),
        partner: org(partner),
        status: v.status,
        codes: tags.join(" "),
      }))
      // In the order of the codes: the order of the call would point at the organisations.
      .sort((a, b) => a.organisation.localeCompare(b.organisation) || a.partner.localeCompare(b.partner));
    return csvFile(KEY_COLUMNS, coded);
  }
  return csvFile(
    [...KEY_COLUMNS, ...NAMED_COLUMNS],
    rows.map(({ v, partner, codes: tags, text }) => ({
      wave: v.wave,
      lot: v.lot,
      organisation: v.organisation,
      partner,
      status: v.status,
      codes: tags.join(" "),
      organisationName: names.get(v.organisation) ?? v.organisation,
      partnerName: partner === "" ? "" : (names.get(partner) ?? partner),
      plannedOn: v.plannedOn,
      version: v.version,
      savedAt: v.savedAt,
      writtenBy: v.writtenBy,
      ...text,
    })),
  );
}
