import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
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
}

const toRecord = (r: TokenRow): TokenRecord => ({
  id: r.id,
  role: r.role as Role,
  ...(r.name !== null && { name: r.name }),
  ...(r.call_id !== null && { callId: r.call_id }),
  ...(r.wave_id !== null && { waveId: r.wave_id }),
  ...(r.lot_id !== null && { lotId: r.lot_id }),
  ...(r.organisation_id !== null && { organisationId: r.organisation_id }),
  createdAt: r.created_at,
  ...(r.revoked_at !== null && { revokedAt: r.revoked_at }),
});

/** 256 random bits: a token this strong needs no slow hash, SHA-256 suffices. */
export const newToken = (): string => randomBytes(32).toString("base64url");
const hashToken = (token: string): Buffer => createHash("sha256").update(token, "utf8").digest();

/** Bearer tokens. Only hashes are stored; a token is shown once, when it is made. */
export class TokenStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO tokens (hash, role, name, call_id, wave_id, lot_id, organisation_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byHash: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE hash = ?"),
      byId: db.prepare<[number], TokenRow>("SELECT * FROM tokens WHERE id = ?"),
      byRole: db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE role = ? ORDER BY id"),
      invitations: db.prepare<[string], TokenRow>(
        "SELECT * FROM tokens WHERE role = 'respondent' AND wave_id = ? ORDER BY id",
      ),
      revoke: db.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
      anyAdmin: db.prepare<[], { id: number }>("SELECT id FROM tokens WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1"),
    };
  }

  /** Store a token's hash; returns the record. `token` defaults to a fresh random one. */
  create(
    fields: { role: Role; name?: string; callId?: string; waveId?: string; lotId?: string; organisationId?: string },
    now: Date,
    token: string = newToken(),
  ): { token: string; record: TokenRecord } {
    const { lastInsertRowid } = this.q.insert.run(
      hashToken(token).toString("hex"),
      fields.role,
      fields.name ?? null,
      fields.callId ?? null,
      fields.waveId ?? null,
      fields.lotId ?? null,
      fields.organisationId ?? null,
      now.toISOString(),
    );
    return { token, record: this.byId(Number(lastInsertRowid))! };
  }

  /** The live (not revoked) token record for a presented token, compared in constant time. */
  verify(token: string): TokenRecord | undefined {
    const presented = hashToken(token);
    const row = this.q.byHash.get(presented.toString("hex"));
    if (!row || row.revoked_at !== null) return undefined;
    return timingSafeEqual(Buffer.from(row.hash, "hex"), presented) ? toRecord(row) : undefined;
  }

  /** Whether a token exists (revoked or not); used to tell a revoked link from an unknown one. */
  known(token: string): TokenRecord | undefined {
    const row = this.q.byHash.get(hashToken(token).toString("hex"));
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
    return this.q.revoke.run(now.toISOString(), id).changes === 1;
  }

  hasAdmin(): boolean {
    return this.q.anyAdmin.get() !== undefined;
  }
}
