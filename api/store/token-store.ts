import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "./database.ts";

export type Role = "admin" | "evaluator" | "respondent";

export interface TokenRecord {
  id: number;
  role: Role;
  name?: string;
  callId?: string;
  waveId?: string;
  lotId?: string;
  organisationId?: string;
  /**
   * The person a staff token belongs to: it works only while their account is
   * active, with the account's role (such tokens are stored as evaluator tokens).
   */
  accountId?: number;
  createdAt: string;
  revokedAt?: string;
}

interface TokenRow {
  id: number;
  hash: string;
  role: string;
  name: string | null;
  call_id: string | null;
  wave_id: string | null;
  lot_id: string | null;
  organisation_id: string | null;
  created_at: string;
  revoked_at: string | null;
  parent_id: number | null;
  account_id: number | null;
}

const toRecord = (r: TokenRow): TokenRecord => ({
  id: r.id,
  role: r.role as Role,
  ...(r.name !== null && { name: r.name }),
  ...(r.call_id !== null && { callId: r.call_id }),
  ...(r.wave_id !== null && { waveId: r.wave_id }),
  ...(r.lot_id !== null && { lotId: r.lot_id }),
  ...(r.organisation_id !== null && { organisationId: r.organisation_id }),
  ...(r.account_id !== null && { accountId: r.account_id }),
  createdAt: r.created_at,
  ...(r.revoked_at !== null && { revokedAt: r.revoked_at }),
});

/** 256 random bits: a token this strong needs no slow hash, SHA-256 suffices. */
export const newToken = (): string => randomBytes(32).toString("base64url");
/** The stored form of a token: its SHA-256 in hex (one-shot hashing, asked on every request). */
const hashToken = (token: string): string => hash("sha256", token, "hex");

/**
 * Bearer tokens. Only hashes are stored; a token is shown once, when it is made.
 * What `verify` finds is kept by hash, since every request asks it; any revocation
 * (here, or of invitations by an edit of the call: `forget`) drops all that is kept.
 */
export class TokenStore {
  private readonly q;
  private readonly verified = new Map<string, TokenRecord>();

  constructor(db: Db) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO tokens (hash, role, name, call_id, wave_id, lot_id, organisation_id, account_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byHash: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE hash = ?"),
      insertChild: db.prepare(
        `INSERT INTO tokens (hash, role, call_id, wave_id, lot_id, organisation_id, created_at, parent_id, mail_id)
         SELECT ?, role, call_id, wave_id, lot_id, organisation_id, ?, id, ? FROM tokens WHERE id = ?`,
      ),
      revokeForMail: db.prepare("UPDATE tokens SET revoked_at = ? WHERE mail_id = ? AND revoked_at IS NULL"),
      markOpened: db.prepare("UPDATE tokens SET opened_at = ? WHERE id = ? AND opened_at IS NULL"),
      byId: db.prepare<[number], TokenRow>("SELECT * FROM tokens WHERE id = ?"),
      byRole: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE role = ? ORDER BY id"),
      invitations: db.prepare<[string], TokenRow>(
        "SELECT * FROM tokens WHERE role = 'respondent' AND wave_id = ? AND parent_id IS NULL ORDER BY id",
      ),
      revoke: db.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
      anyAdmin: db.prepare<[], { id: number }>("SELECT id FROM tokens WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1"),
    };
  }

  /** Store a token's hash; returns the record. `token` defaults to a fresh random one. */
  create(
    fields: { role: Role; name?: string; callId?: string; waveId?: string; lotId?: string; organisationId?: string; accountId?: number },
    now: Date,
    token: string = newToken(),
  ): { token: string; record: TokenRecord } {
    const { lastInsertRowid } = this.q.insert.run(
      hashToken(token),
      fields.role,
      fields.name ?? null,
      fields.callId ?? null,
      fields.waveId ?? null,
      fields.lotId ?? null,
      fields.organisationId ?? null,
      fields.accountId ?? null,
      now.toISOString(),
    );
    return { token, record: this.byId(Number(lastInsertRowid))! };
  }

  /**
   * The live (not revoked) token record for a presented token, compared in constant time.
   * A link sent in a message stands for its invitation: it answers with the invitation's
   * record, and works only while both are live.
   */
  verify(token: string): TokenRecord | undefined {
    const presented = hashToken(token);
    const kept = this.verified.get(presented);
    if (kept) return kept;
    const record = this.live(presented);
    // Unknown tokens are not kept: guessing cannot fill memory.
    if (record) this.verified.set(presented, Object.freeze(record));
    return record;
  }

  private live(presented: string): TokenRecord | undefined {
    const row = this.q.byHash.get(presented);
    if (!row || row.revoked_at !== null) return undefined;
    if (!timingSafeEqual(Buffer.from(row.hash, "hex"), Buffer.from(presented, "hex"))) return undefined;
    if (row.parent_id === null) return toRecord(row);
    const parent = this.q.byId.get(row.parent_id);
    return parent && parent.revoked_at === null ? toRecord(parent) : undefined;
  }

  /** Drop every kept verification: the next request of each token is checked in the database. */
  forget(): void {
    this.verified.clear();
  }

  /** A fresh link for a message about an invitation: a token of its own, bound to both. */
  createForMail(invitationId: number, mailId: number, now: Date): string {
    const token = newToken();
    const { changes } = this.q.insertChild.run(hashToken(token), now.toISOString(), mailId, invitationId);
    if (changes !== 1) throw new Error(`invitation ${invitationId} not found`);
    return token;
  }

  /** Withdraw the links made for a message (a send that failed, or a download made again). */
  revokeForMail(mailId: number, now: Date): void {
    this.q.revokeForMail.run(now.toISOString(), mailId);
    this.forget();
  }

  /** Remember the first visit of an invitation's page. */
  markOpened(id: number, now: Date): void {
    this.q.markOpened.run(now.toISOString(), id);
  }

  /** Whether a token exists (revoked or not); used to tell a revoked link from an unknown one. */
  known(token: string): TokenRecord | undefined {
    const row = this.q.byHash.get(hashToken(token));
    return row && toRecord(row);
  }

  byId(id: number): TokenRecord | undefined {
    const r = this.q.byId.get(id);
    return r && toRecord(r);
  }

  list(role: Role): TokenRecord[] {
    return this.q.byRole.all(role).map(toRecord);
  }

  invitations(waveId: string): TokenRecord[] {
    return this.q.invitations.all(waveId).map(toRecord);
  }

  revoke(id: number, now: Date): boolean {
    const revoked = this.q.revoke.run(now.toISOString(), id).changes === 1;
    this.forget();
    return revoked;
  }

  hasAdmin(): boolean {
    return this.q.anyAdmin.get() !== undefined;
  }
}
