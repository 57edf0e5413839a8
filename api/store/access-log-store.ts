import type { AccessEntry, AccessKind, AccessLogFilter, NewAccessEntry } from "../staff/staff-schema.ts";
import type { Db } from "./database.ts";

interface EntryRow {
  id: number;
  at: string;
  account_id: number | null;
  token_id: number | null;
  actor: string;
  role: string;
  via: string;
  kind: string;
  call_id: string | null;
  subject: string;
  address: string | null;
}

const toEntry = (r: EntryRow): AccessEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  accountId: r.account_id,
  tokenId: r.token_id,
  role: r.role,
  via: r.via as AccessEntry["via"],
  kind: r.kind as AccessKind,
  callId: r.call_id,
  subject: r.subject,
  address: r.address,
});

/** Every filter is optional: a NULL parameter lets every row through, so one prepared statement serves all. */
const WHERE = `
  WHERE (@account IS NULL OR account_id = @account)
    AND (@token IS NULL OR token_id = @token)
    AND (@kind IS NULL OR kind = @kind)
    AND (@call IS NULL OR call_id = @call)
    AND (@from IS NULL OR at >= @from)
    AND (@to IS NULL OR at < @to)`;

type Params = { account: number | null; token: number | null; kind: string | null; call: string | null; from: string | null; to: string | null };

/** `to` is a day included in full: everything before the next day's start. */
function params(f: AccessLogFilter): Params {
  const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    account: f.account ?? null,
    token: f.token ?? null,
    kind: f.kind ?? null,
    call: f.call ?? null,
    from: f.from ? `${f.from}T00:00:00.000Z` : null,
    to: f.to ? nextDay(f.to) : null,
  };
}

/**
 * The access log: appended to, read with filters, and trimmed to its retention
 * period. Nothing here changes an entry (a trigger refuses UPDATE as well).
 */
export class AccessLogStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      append: db.prepare(
        `INSERT INTO access_log (at, account_id, token_id, actor, role, via, kind, call_id, subject, address)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      latest: db.prepare<[Params & { limit: number }], EntryRow>(`SELECT * FROM access_log ${WHERE} ORDER BY id DESC LIMIT @limit`),
      count: db.prepare<[Params], { n: number }>(`SELECT COUNT(*) AS n FROM access_log ${WHERE}`),
      all: db.prepare<[Params], EntryRow>(`SELECT * FROM access_log ${WHERE} ORDER BY id`),
      // A person is their account; a token without an account stands for itself.
      actors: db.prepare<[], { account_id: number | null; token_id: number | null; actor: string }>(`
        SELECT account_id, CASE WHEN account_id IS NULL THEN token_id END AS token_id, actor
        FROM access_log WHERE id IN (
          SELECT MAX(id) FROM access_log GROUP BY account_id, CASE WHEN account_id IS NULL THEN token_id END)
        ORDER BY actor COLLATE NOCASE`),
      prune: db.prepare("DELETE FROM access_log WHERE at < ?"),
    };
  }

  append(e: NewAccessEntry): void {
    this.q.append.run(e.at, e.accountId, e.tokenId, e.actor, e.role, e.via, e.kind, e.callId, e.subject, e.address);
  }

  /** The latest `limit` entries that match, newest first, and how many match in all. */
  latest(filter: AccessLogFilter, limit: number): { entries: AccessEntry[]; total: number } {
    const p = params(filter);
    return { entries: this.q.latest.all({ ...p, limit }).map(toEntry), total: this.q.count.get(p)!.n };
  }

  /** Every matching entry, oldest first (the CSV download). */
  all(filter: AccessLogFilter): AccessEntry[] {
    return this.q.all.all(params(filter)).map(toEntry);
  }

  actors(): Array<{ accountId: number | null; tokenId: number | null; actor: string }> {
    return this.q.actors.all().map((r) => ({ accountId: r.account_id, tokenId: r.token_id, actor: r.actor }));
  }

  /** Drop entries older than `before`: the retention period, the only way an entry leaves. */
  prune(before: Date): number {
    return this.q.prune.run(before.toISOString()).changes;
  }
}
