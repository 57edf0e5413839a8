import type { Store } from "../store/store.ts";
import { actorOf, type Caller } from "./caller.ts";
import type { AccessEntry, AccessKind } from "./staff-schema.ts";

/** How long entries are kept unless ACCESS_LOG_RETENTION_DAYS says otherwise: two years. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 730;

/** Put one access in the log: who (as they are named now), when, what, from where. */
export function recordAccess(
  store: Store,
  caller: Caller,
  access: { kind: AccessKind; subject: string; callId?: string | undefined; address?: string | undefined },
  now: Date,
): void {
  store.accessLog.append({
    at: now.toISOString(),
    accountId: caller.accountId ?? null,
    tokenId: caller.tokenId ?? null,
    actor: actorOf(caller),
    role: caller.role,
    via: caller.via,
    kind: access.kind,
    callId: access.callId ?? null,
    subject: access.subject,
    address: access.address ?? null,
  });
}

/** Drop what is older than the retention period. */
export function pruneAccessLog(store: Store, now: Date, retentionDays: number): number {
  return store.accessLog.prune(new Date(now.getTime() - retentionDays * 86_400_000));
}

/** Columns of the CSV download, in order. */
export const ACCESS_LOG_COLUMNS = ["at", "actor", "accountId", "tokenId", "role", "via", "kind", "callId", "subject", "address"] as const satisfies ReadonlyArray<keyof AccessEntry>;
