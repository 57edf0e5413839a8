import { ConflictError } from "../schema/problems.ts";
import type { Store } from "../store/store.ts";
import type { TokenRecord } from "../store/token-store.ts";

/**
 * Admin tokens: the one from `ADMIN_TOKEN` (or printed at the first start) and any
 * an admin made. Setting a new `ADMIN_TOKEN` revokes the one it replaces, so a
 * rotated secret stops working at the next start; admins list and revoke admin
 * tokens, but never the last live one (nobody could administer the service after).
 */

/** The name under which the token from the environment is kept. */
const ENVIRONMENT_ADMIN = "ADMIN_TOKEN";

/**
 * Make `token` the live environment admin token and revoke every earlier one. A
 * token that was revoked, or that belongs to another role, is refused: reusing it
 * would bring back a secret someone meant to retire.
 */
export function installEnvironmentAdmin(store: Store, token: string, now: Date): TokenRecord {
  return store.atomically(() => {
    const known = store.tokens.known(token);
    if (known && (known.role !== "admin" || known.revokedAt !== undefined)) {
      throw new Error("ADMIN_TOKEN was revoked or is in use as another token; set a new one (e.g. `openssl rand -hex 32`)");
    }
    const current = known ?? store.tokens.create({ role: "admin", name: ENVIRONMENT_ADMIN }, now, token).record;
    for (const t of store.tokens.list("admin")) {
      if (t.name === ENVIRONMENT_ADMIN && t.revokedAt === undefined && t.id !== current.id) store.tokens.revoke(t.id, now);
    }
    return current;
  });
}

/** Revoke an admin token unless it is the last live one (409 `last_admin`). */
export function revokeAdminToken(store: Store, id: number, now: Date): TokenRecord {
  return store.atomically(() => {
    const live = store.tokens.list("admin").filter((t) => t.revokedAt === undefined);
    if (live.length === 1 && live[0]!.id === id) {
      throw new ConflictError("this is the last live admin token; make another admin token before revoking it", [], "last_admin");
    }
    store.tokens.revoke(id, now);
    return store.tokens.byId(id)!;
  });
}
