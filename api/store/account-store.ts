import { createHash, randomBytes } from "node:crypto";
import { ConflictError } from "../schema/problems.ts";
import type { Account, AccountChanges, NewAccount, SignInMethod, StaffRole } from "../staff/staff-schema.ts";
import type { Db } from "./database.ts";

interface AccountRow {
  id: number;
  email: string;
  name: string;
  role: string;
  active: number;
  created_at: string;
  updated_at: string;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as StaffRole,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface SessionRecord {
  id: number;
  accountId?: number;
  tokenId?: number;
  method: SignInMethod;
  createdAt: string;
  lastSeenAt: string;
}

interface SessionRow {
  id: number;
  account_id: number | null;
  token_id: number | null;
  method: string;
  created_at: string;
  last_seen_at: string;
}

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  ...(r.account_id !== null && { accountId: r.account_id }),
  ...(r.token_id !== null && { tokenId: r.token_id }),
  method: r.method as SignInMethod,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
});

/** 256 random bits, so a plain SHA-256 of it is all that needs keeping. */
const newSecret = (): string => randomBytes(32).toString("base64url");
const hashOf = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex");

/** Why a sign-in link did not sign anyone in. */
export type LinkRefusal = "unknown" | "used" | "expired";

/**
 * Staff accounts, their browser sessions and their one-time sign-in links. Session
 * cookies and links are random secrets of which only the SHA-256 is stored.
 */
export class AccountStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      insert: db.prepare(
        "INSERT INTO accounts (email, name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
      ),
      byId: db.prepare<[number], AccountRow>("SELECT * FROM accounts WHERE id = ?"),
      byEmail: db.prepare<[string], AccountRow>("SELECT * FROM accounts WHERE email = ?"),
      list: db.prepare<[], AccountRow & { sessions: number; tokens: number }>(`
        SELECT a.*,
          (SELECT COUNT(*) FROM sessions s WHERE s.account_id = a.id) AS sessions,
          (SELECT COUNT(*) FROM tokens t WHERE t.account_id = a.id AND t.revoked_at IS NULL) AS tokens
        FROM accounts a ORDER BY a.name COLLATE NOCASE, a.id`),
      update: db.prepare(
        "UPDATE accounts SET email = ?, name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?",
      ),
      openSession: db.prepare(
        `INSERT INTO sessions (hash, account_id, token_id, method, created_at, last_seen_at, address)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      sessionByHash: db.prepare<[string], SessionRow>("SELECT * FROM sessions WHERE hash = ?"),
      touch: db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?"),
      endSession: db.prepare("DELETE FROM sessions WHERE id = ?"),
      endForAccount: db.prepare("DELETE FROM sessions WHERE account_id = ?"),
      endForToken: db.prepare("DELETE FROM sessions WHERE token_id = ?"),
      pruneSessions: db.prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?"),
      insertLink: db.prepare("INSERT INTO sign_in_links (hash, account_id, created_at, expires_at, mail_id) VALUES (?, ?, ?, ?, ?)"),
      dropLinksOfMail: db.prepare("DELETE FROM sign_in_links WHERE mail_id = ?"),
      useLink: db.prepare<[string, string, string], { account_id: number }>(
        "UPDATE sign_in_links SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING account_id",
      ),
      linkByHash: db.prepare<[string], { used_at: string | null }>("SELECT used_at FROM sign_in_links WHERE hash = ?"),
      pruneLinks: db.prepare("DELETE FROM sign_in_links WHERE expires_at < ?"),
    };
  }

  create(fields: NewAccount, now: Date): Account {
    if (this.byEmail(fields.email)) throw emailTaken(fields.email);
    const at = now.toISOString();
    const { lastInsertRowid } = this.q.insert.run(fields.email, fields.name, fields.role, at, at);
    return this.byId(Number(lastInsertRowid))!;
  }

  byId(id: number): Account | undefined {
    const r = this.q.byId.get(id);
    return r && toAccount(r);
  }

  byEmail(email: string): Account | undefined {
    const r = this.q.byEmail.get(email.toLowerCase());
    return r && toAccount(r);
  }

  /** Every account with its open sessions and live tokens counted. */
  list(): Array<Account & { sessions: number; tokens: number }> {
    return this.q.list.all().map((r) => ({ ...toAccount(r), sessions: r.sessions, tokens: r.tokens }));
  }

  /** Change an account; making it inactive ends its sessions in the same transaction. */
  update(id: number, changes: AccountChanges, now: Date): Account {
    return this.db.transaction(() => {
      const current = this.byId(id)!;
      const next = { ...current, ...changes };
      if (next.email !== current.email && this.byEmail(next.email)) throw emailTaken(next.email);
      this.q.update.run(next.email, next.name, next.role, next.active ? 1 : 0, now.toISOString(), id);
      if (!next.active) this.q.endForAccount.run(id);
      return this.byId(id)!;
    })();
  }

  /** Open a browser session; returns the cookie's secret (never stored) and the record. */
  openSession(
    who: { accountId?: number; tokenId?: number },
    method: SignInMethod,
    address: string | undefined,
    now: Date,
  ): { secret: string; session: SessionRecord } {
    const secret = newSecret();
    const at = now.toISOString();
    this.q.openSession.run(hashOf(secret), who.accountId ?? null, who.tokenId ?? null, method, at, at, address ?? null);
    return { secret, session: this.session(secret)! };
  }

  session(secret: string): SessionRecord | undefined {
    const r = this.q.sessionByHash.get(hashOf(secret));
    return r && toSession(r);
  }

  touchSession(id: number, now: Date): void {
    this.q.touch.run(now.toISOString(), id);
  }

  endSession(id: number): void {
    this.q.endSession.run(id);
  }

  /** End every session of a person ("sign out everywhere"); returns how many there were. */
  endSessionsOf(who: { accountId: number } | { tokenId: number }): number {
    return "accountId" in who ? this.q.endForAccount.run(who.accountId).changes : this.q.endForToken.run(who.tokenId).changes;
  }

  /**
   * Drop sessions idle since `idleBefore` or opened before `openedBefore`, and links
   * that expired before `openedBefore` (kept a while, to tell "expired" from "unknown").
   */
  prune(idleBefore: Date, openedBefore: Date): void {
    this.q.pruneSessions.run(idleBefore.toISOString(), openedBefore.toISOString());
    this.q.pruneLinks.run(openedBefore.toISOString());
  }

  /** A one-time sign-in link for an account, valid until `expiresAt`, made for a message; returns its secret. */
  createLink(accountId: number, now: Date, expiresAt: Date, mailId?: number): string {
    const secret = newSecret();
    this.q.insertLink.run(hashOf(secret), accountId, now.toISOString(), expiresAt.toISOString(), mailId ?? null);
    return secret;
  }

  /** Withdraw the links made for a message (it is sent again, or read again from the outbox). */
  dropLinksOfMail(mailId: number): void {
    this.q.dropLinksOfMail.run(mailId);
  }

  /** Use a link once: the account it signs in, or why not. Marking it used and checking are one statement. */
  useLink(secret: string, now: Date): { accountId: number } | { refused: LinkRefusal } {
    const hash = hashOf(secret);
    const used = this.q.useLink.get(now.toISOString(), hash, now.toISOString());
    if (used) return { accountId: used.account_id };
    const link = this.q.linkByHash.get(hash);
    return { refused: !link ? "unknown" : link.used_at !== null ? "used" : "expired" };
  }
}

const emailTaken = (email: string) =>
  new ConflictError(`an account for ${email} exists already`, [{ path: "body.email", message: "already has an account" }], "email_taken");
