import type { LinkMaker } from "../mail/mail-delivery.ts";
import type { Store } from "../store/store.ts";

/**
 * Links in messages about an invitation. Each message gets a token of its own, made
 * when the message is sent and stored only as its hash, bound to the invitation: it
 * opens the same circle and report, and stops working when the invitation is revoked.
 * So no link is ever kept in plain text (not even in the queue or the outbox), and a
 * reminder can carry a working link although the invitation's own link was shown once.
 */
export function invitationLinkMakers(store: Store, base: () => string): Record<"invitation" | "report", LinkMaker> {
  const maker = (suffix: string): LinkMaker => ({
    make: (ref, mail, now) => `${base()}/c/${store.tokens.createForMail(Number(ref), mail.id, now)}${suffix}`,
    withdraw: (mail, now) => store.tokens.revokeForMail(mail.id, now),
  });
  return { invitation: maker(""), report: maker("/report") };
}
