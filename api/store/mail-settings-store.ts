import type { MailLanguage, ReminderSchedule } from "../schema/mail-answers.ts";
import type { Db } from "./database.ts";

export interface StoredTemplate {
  kind: string;
  language: string;
  subject: string;
  body: string;
  updatedAt: string;
}

export interface SentReminder {
  daysBefore: number;
  organisation: string;
  mailId: number;
  createdAt: string;
}

/** The SQL of what messages say and when they go: languages, reworded templates, reminder schedules and the reminders made. */
export class MailSettingsStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      language: db.prepare<[string, string], { language: string | null }>("SELECT language FROM organisations WHERE call_id = ? AND id = ?"),
      languages: db.prepare<[string], { id: string; language: MailLanguage | null }>("SELECT id, language FROM organisations WHERE call_id = ?"),
      setLanguage: db.prepare("UPDATE organisations SET language = ? WHERE call_id = ? AND id = ?"),
      templates: db.prepare<[string], { kind: string; language: string; subject: string; body: string; updated_at: string }>(
        "SELECT kind, language, subject, body, updated_at FROM mail_templates WHERE call_id = ? ORDER BY kind, language",
      ),
      setTemplate: db.prepare(`
        INSERT INTO mail_templates (call_id, kind, language, subject, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (call_id, kind, language) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at`),
      deleteTemplate: db.prepare("DELETE FROM mail_templates WHERE call_id = ? AND kind = ? AND language = ?"),
      schedule: db.prepare<[string], { days: string; at_time: string }>("SELECT days, at_time FROM reminder_schedules WHERE wave_id = ?"),
      setSchedule: db.prepare(`
        INSERT INTO reminder_schedules (wave_id, days, at_time) VALUES (?, ?, ?)
        ON CONFLICT (wave_id) DO UPDATE SET days = excluded.days, at_time = excluded.at_time`),
      reminderSent: db.prepare<[string, number, string], { mail_id: number }>(
        "SELECT mail_id FROM reminders_sent WHERE wave_id = ? AND days_before = ? AND organisation_id = ?",
      ),
      recordReminder: db.prepare("INSERT INTO reminders_sent (wave_id, days_before, organisation_id, mail_id, created_at) VALUES (?, ?, ?, ?, ?)"),
      reminders: db.prepare<[string], { days_before: number; organisation_id: string; mail_id: number; created_at: string }>(
        "SELECT days_before, organisation_id, mail_id, created_at FROM reminders_sent WHERE wave_id = ? ORDER BY created_at, organisation_id",
      ),
    };
  }

  language(callId: string, organisation: string): string | undefined {
    return this.q.language.get(callId, organisation)?.language ?? undefined;
  }

  /** Organisations whose language was set; the column's CHECK allows only the mail languages. */
  languages(callId: string): Map<string, MailLanguage> {
    return new Map(this.q.languages.all(callId).flatMap((r) => (r.language ? [[r.id, r.language] as const] : [])));
  }

  setLanguage(callId: string, organisation: string, language: string | null): void {
    this.q.setLanguage.run(language, callId, organisation);
  }

  templates(callId: string): StoredTemplate[] {
    return this.q.templates.all(callId).map((r) => ({ kind: r.kind, language: r.language, subject: r.subject, body: r.body, updatedAt: r.updated_at }));
  }

  setTemplate(callId: string, t: Omit<StoredTemplate, "updatedAt">, now: Date): void {
    this.q.setTemplate.run(callId, t.kind, t.language, t.subject, t.body, now.toISOString());
  }

  deleteTemplate(callId: string, kind: string, language: string): void {
    this.q.deleteTemplate.run(callId, kind, language);
  }

  /** The wave's schedule, or undefined when none was set (the default applies). */
  schedule(waveId: string): ReminderSchedule | undefined {
    const r = this.q.schedule.get(waveId);
    return r && { days: JSON.parse(r.days) as number[], at: r.at_time };
  }

  setSchedule(waveId: string, s: ReminderSchedule): void {
    this.q.setSchedule.run(waveId, JSON.stringify(s.days), s.at);
  }

  reminderSent(waveId: string, daysBefore: number, organisation: string): boolean {
    return this.q.reminderSent.get(waveId, daysBefore, organisation) !== undefined;
  }

  /** Record that a reminder went to an organisation; the primary key refuses a second one. */
  recordReminder(waveId: string, daysBefore: number, organisation: string, mailId: number, now: Date): void {
    this.q.recordReminder.run(waveId, daysBefore, organisation, mailId, now.toISOString());
  }

  reminders(waveId: string): SentReminder[] {
    return this.q.reminders.all(waveId).map((r) => ({ daysBefore: r.days_before, organisation: r.organisation_id, mailId: r.mail_id, createdAt: r.created_at }));
  }
}
