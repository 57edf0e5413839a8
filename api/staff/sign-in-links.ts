import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { LINK_SLOT, type LinkMaker, type MailDelivery } from "../mail/mail-delivery.ts";
import type { LinkRefusal } from "../store/account-store.ts";
import type { Store } from "../store/store.ts";
import type { Account } from "./staff-schema.ts";

/** How long a sign-in link sent by e-mail works, once, from the moment the message goes out. */
export const LINK_VALID_MINUTES = 15;

/** A fresh one-time link secret for an account (made for message `mailId` when there is one). */
export function newSignInLink(store: Store, account: Account, now: Date, mailId?: number): string {
  return store.accounts.createLink(account.id, now, new Date(now.getTime() + LINK_VALID_MINUTES * 60_000), mailId);
}

/** Use a link: the account it signs in, or why it does not (used, expired, unknown, or the account is inactive now). */
export function redeemSignInLink(store: Store, secret: string, now: Date): { account: Account } | { refused: LinkRefusal | "inactive" } {
  const used = store.accounts.useLink(secret, now);
  if ("refused" in used) return used;
  const account = store.accounts.byId(used.accountId)!;
  return account.active ? { account } : { refused: "inactive" };
}

/** Staff pages, and so their messages, are in Dutch and English. */
const SIGN_IN_MAIL_LANGUAGES = ["nl", "en"] as const;
export type SignInMailLanguage = (typeof SIGN_IN_MAIL_LANGUAGES)[number];

const WordsSchema = z.object({ signInMail: z.object({ subject: z.string(), body: z.string() }) });
const I18N = resolve(import.meta.dirname, "../../viz/i18n");
const words = Object.fromEntries(
  SIGN_IN_MAIL_LANGUAGES.map((l) => [l, WordsSchema.parse(JSON.parse(readFileSync(resolve(I18N, l, "admin.json"), "utf8"))).signInMail]),
) as Record<SignInMailLanguage, { subject: string; body: string }>;

/** The name under which the mail delivery knows the maker of sign-in links. */
export const SIGN_IN_LINK_MAKER = "sign-in";

/**
 * Sign-in links in messages are made when the message goes out (or is read from the
 * outbox), so the 15 minutes start then; a message sent again withdraws the earlier link.
 */
export function signInLinkMaker(store: Store, base: () => string): LinkMaker {
  return {
    make: (ref, mail, now) => {
      const [id, next] = ref.split(" ");
      const account = store.accounts.byId(Number(id));
      if (!account?.active) throw new Error("the account is inactive; no sign-in link is made");
      // The page reads `next` itself (viz/shared/session.ts) and goes only to a page of this site.
      return `${base()}/sign-in/link${next ? `?next=${encodeURIComponent(next)}` : ""}#${newSignInLink(store, account, now, mail.id)}`;
    },
    withdraw: (mail) => store.accounts.dropLinksOfMail(mail.id),
  };
}

/** The message's reference to its link: the account, then the page to go on to (a path holds no space). */
const signInLinkRef = (accountId: number, next?: string) => (next && next !== "/calls" ? `${accountId} ${next}` : String(accountId));

/**
 * Send a sign-in link to the address when it belongs to an active account; nothing
 * otherwise, and the caller answers alike either way (no one learns who has an account).
 */
export function mailSignInLink(store: Store, mail: MailDelivery, email: string, language: SignInMailLanguage, next?: string): void {
  const account = store.accounts.byEmail(email);
  if (!account?.active) return;
  const w = words[language];
  const fill = (s: string) => s.replaceAll("{{name}}", account.name).replaceAll("{{minutes}}", String(LINK_VALID_MINUTES)).replaceAll("{{link}}", LINK_SLOT);
  mail.enqueue({ kind: "sign-in", to: account.email, subject: fill(w.subject), text: fill(w.body), link: { maker: SIGN_IN_LINK_MAKER, ref: signInLinkRef(account.id, next) } });
}
