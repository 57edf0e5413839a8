import type { SessionRecord } from "../store/account-store.ts";
import type { Store } from "../store/store.ts";
import type { Role, TokenRecord } from "../store/token-store.ts";
import type { Account } from "./staff-schema.ts";

/**
 * Who is calling: a person (an account), a token that belongs to no one (the first
 * admin's, an evaluator's script token, a consultant's invitation), by bearer token
 * or by browser session. Role and name are read afresh at every request, so a
 * deactivated account or a changed role takes effect at once.
 */
export interface Caller {
  role: Role;
  via: "bearer" | "session";
  /** The person's name, or the token's own name when it belongs to no one. */
  name?: string;
  email?: string;
  accountId?: number;
  /** The bearer token presented, or the token a browser session was opened with. */
  tokenId?: number;
  sessionId?: number;
  /** An invitation's circle: its call, wave, lot and organisation. */
  callId?: string;
  waveId?: string;
  lotId?: string;
  organisationId?: string;
}

/** How long a browser session lives: it ends after `idleMinutes` without a request, and `maxHours` after it began. */
export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 60, maxHours: 12 };

/** A session's last request is written at most this often, so reading stays reading. */
const TOUCH_EVERY_MS = 60_000;

const ofAccount = (a: Account): Omit<Caller, "via"> => ({ role: a.role, name: a.name, email: a.email, accountId: a.id });

/** A live token's caller: a person's token acts with the person's current role, and only while their account is active. */
function ofToken(store: Store, record: TokenRecord): Omit<Caller, "via"> | undefined {
  if (record.revokedAt !== undefined) return undefined;
  const { id, createdAt: _c, revokedAt: _r, accountId, ...scope } = record;
  if (accountId === undefined) return { ...scope, tokenId: id };
  const account = store.accounts.byId(accountId);
  return account?.active ? { ...ofAccount(account), tokenId: id } : undefined;
}

export function callerOfToken(store: Store, token: string): Caller | undefined {
  const record = store.tokens.verify(token);
  const caller = record && ofToken(store, record);
  return caller && { ...caller, via: "bearer" };
}

const expired = (s: SessionRecord, now: Date, policy: SessionPolicy) =>
  now.getTime() - Date.parse(s.lastSeenAt) > policy.idleMinutes * 60_000 ||
  now.getTime() - Date.parse(s.createdAt) > policy.maxHours * 3_600_000;

/** The caller of a browser session, or undefined (and the session ended) when it has run out or its person may no longer sign in. */
export function callerOfSession(store: Store, secret: string, now: Date, policy: SessionPolicy): Caller | undefined {
  const session = store.accounts.session(secret);
  if (!session) return undefined;
  const token = session.tokenId === undefined ? undefined : store.tokens.byId(session.tokenId);
  const account = session.accountId === undefined ? undefined : store.accounts.byId(session.accountId);
  const who = token ? ofToken(store, token) : account?.active ? ofAccount(account) : undefined;
  if (!who || expired(session, now, policy)) {
    store.accounts.endSession(session.id);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) store.accounts.touchSession(session.id, now);
  return { ...who, via: "session", sessionId: session.id };
}

/** How the access log and the request log name a caller: the person, else the token. */
export function actorOf(caller: Caller): string {
  if (caller.accountId !== undefined) return `${caller.name} <${caller.email}>`;
  return `${caller.name ?? "token"} (token #${caller.tokenId})`;
}
