import type { Db } from "./database.ts";

export type MailStatus = "queued" | "sending" | "sent" | "failed" | "outbox";

/** A message as a caller hands it over (`MailDelivery.enqueue`). */
export interface NewMail {
  /** What the message is for: "invitation", "reminder", "report-ready", "sign-in", ... */
  kind: string;
  to: string;
  subject: string;
  /** Plain text; holds the delivery's link slot where the link goes when `link` is given. */
  text: string;
  html?: string;
  /** The registered link maker that fills the link slot when the message is sent, and its argument. */
  link?: { maker: string; ref: string };
  /** A message that must exist once only: a second one with the same key adds nothing. */
  onceKey?: string;
  /** What the message is about, for the progress view and the outbox. */
  callId?: string;
  waveId?: string;
  organisationId?: string;
}

export interface NewMailRow extends NewMail {
  status: "queued" | "outbox";
}

/** One message as the service keeps it: what it says (with a slot for its link), where it goes, how delivery went. */
export interface MailRecord extends NewMail {
  id: number;
  status: MailStatus;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
}

interface MailRow {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  link_maker: string | null;
  link_ref: string | null;
  once_key: string | null;
  call_id: string | null;
  wave_id: string | null;
  organisation_id: string | null;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const toRecord = (r: MailRow): MailRecord => ({
  id: r.id,
  kind: r.kind,
  to: r.recipient,
  subject: r.subject,
  text: r.text,
  ...(r.html !== null && { html: r.html }),
  ...(r.link_maker !== null && r.link_ref !== null && { link: { maker: r.link_maker, ref: r.link_ref } }),
  ...(r.once_key !== null && { onceKey: r.once_key }),
  ...(r.call_id !== null && { callId: r.call_id }),
  ...(r.wave_id !== null && { waveId: r.wave_id }),
  ...(r.organisation_id !== null && { organisationId: r.organisation_id }),
  status: r.status,
  attempts: r.attempts,
  ...(r.next_attempt_at !== null && { nextAttemptAt: r.next_attempt_at }),
  ...(r.last_error !== null && { lastError: r.last_error }),
  createdAt: r.created_at,
  ...(r.sent_at !== null && { sentAt: r.sent_at }),
});

/** The SQL of the mail queue and outbox. Times are ISO strings, which sort as they compare. */
export class MailStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      insert: db.prepare(`
        INSERT INTO mail_messages (kind, recipient, subject, text, html, link_maker, link_ref, once_key, call_id, wave_id,
                                   organisation_id, status, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (once_key) DO NOTHING`),
      byId: db.prepare<[number], MailRow>("SELECT * FROM mail_messages WHERE id = ?"),
      byOnceKey: db.prepare<[string], MailRow>("SELECT * FROM mail_messages WHERE once_key = ?"),
      due: db.prepare<[string, number], MailRow>(
        "SELECT * FROM mail_messages WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
      ),
      nextDue: db.prepare<[], { at: string | null }>("SELECT MIN(next_attempt_at) AS at FROM mail_messages WHERE status = 'queued'"),
      claim: db.prepare("UPDATE mail_messages SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'queued'"),
      sent: db.prepare("UPDATE mail_messages SET status = 'sent', sent_at = ?, next_attempt_at = NULL, last_error = NULL WHERE id = ?"),
      retry: db.prepare("UPDATE mail_messages SET status = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ?"),
      failed: db.prepare("UPDATE mail_messages SET status = 'failed', next_attempt_at = NULL, last_error = ? WHERE id = ?"),
      interrupted: db.prepare<[], { id: number }>("SELECT id FROM mail_messages WHERE status = 'sending'"),
      requeue: db.prepare("UPDATE mail_messages SET status = 'queued', next_attempt_at = ? WHERE id = ?"),
      list: db.prepare<[number, number], MailRow>("SELECT * FROM mail_messages ORDER BY id DESC LIMIT ? OFFSET ?"),
      count: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM mail_messages"),
      ofWave: db.prepare<[string], MailRow>("SELECT * FROM mail_messages WHERE wave_id = ? ORDER BY id"),
    };
  }

  /** Add a message; with a once-key already used, nothing is added and the earlier message is returned. */
  /** Run `work` as one transaction over several of the queue's statements: all or nothing. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insert(m: NewMailRow, now: Date): { record: MailRecord; created: boolean } {
    const at = now.toISOString();
    const { changes, lastInsertRowid } = this.q.insert.run(
      m.kind,
      m.to,
      m.subject,
      m.text,
      m.html ?? null,
      m.link?.maker ?? null,
      m.link?.ref ?? null,
      m.onceKey ?? null,
      m.callId ?? null,
      m.waveId ?? null,
      m.organisationId ?? null,
      m.status,
      m.status === "queued" ? at : null,
      at,
    );
    if (changes === 0) return { record: toRecord(this.q.byOnceKey.get(m.onceKey!)!), created: false };
    return { record: this.byId(Number(lastInsertRowid))!, created: true };
  }

  byId(id: number): MailRecord | undefined {
    const r = this.q.byId.get(id);
    return r && toRecord(r);
  }

  /** Messages whose next attempt has come, oldest first. */
  due(now: Date, limit: number): MailRecord[] {
    return this.q.due.all(now.toISOString(), limit).map(toRecord);
  }

  /** When the earliest queued message falls due, if any. */
  nextDueAt(): string | undefined {
    return this.q.nextDue.get()?.at ?? undefined;
  }

  /** Mark a message as being sent now; false when another worker took it first. */
  claim(id: number): boolean {
    return this.q.claim.run(id).changes === 1;
  }

  markSent(id: number, now: Date): void {
    this.q.sent.run(now.toISOString(), id);
  }

  retryAt(id: number, at: Date, error: string): void {
    this.q.retry.run(at.toISOString(), error, id);
  }

  markFailed(id: number, error: string): void {
    this.q.failed.run(error, id);
  }

  /** Messages a stopped process left half-sent. */
  interrupted(): number[] {
    return this.q.interrupted.all().map((r) => r.id);
  }

  requeue(id: number, at: Date): void {
    this.q.requeue.run(at.toISOString(), id);
  }

  /** Newest first. */
  list(limit: number, offset: number): { messages: MailRecord[]; total: number } {
    return { messages: this.q.list.all(limit, offset).map(toRecord), total: this.q.count.get()!.n };
  }

  ofWave(waveId: string): MailRecord[] {
    return this.q.ofWave.all(waveId).map(toRecord);
  }
}
