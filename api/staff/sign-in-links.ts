import type { LinkRefusal } from "../store/account-store.ts";
import type { Store } from "../store/store.ts";
import type { Account } from "./staff-schema.ts";

/** How long a sign-in link sent by e-mail works, once. */
export const LINK_VALID_MINUTES = 15;

/** A fresh one-time link secret for an active account's address; nothing for an unknown or inactive one. */
export function issueSignInLink(store: Store, email: string, now: Date): { account: Account; secret: string } | undefined {
  const account = store.accounts.byEmail(email);
  if (!account?.active) return undefined;
  const secret = store.accounts.createLink(account.id, now, new Date(now.getTime() + LINK_VALID_MINUTES * 60_000));
  return { account, secret };
}

/** Use a link: the account it signs in, or why it does not (used, expired, unknown, or the account is inactive now). */
export function redeemSignInLink(store: Store, secret: string, now: Date): { account: Account } | { refused: LinkRefusal | "inactive" } {
  const used = store.accounts.useLink(secret, now);
  if ("refused" in used) return used;
  const account = store.accounts.byId(used.accountId)!;
  return account.active ? { account } : { refused: "inactive" };
}
