import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer/index.js";
import type { MailRecord, MailStore, NewMail } from "../store/mail-store.ts";
import { smtpTransport, isPermanentFailure, failureReason, type MailTransport } from "./smtp-transport.ts";

/**
 * Where a message's link goes in its text and HTML. A link is never stored: the body
 * keeps this slot and the link maker fills it in at the moment of sending. Names and
 * templates may not hold control characters, so the slot cannot be typed in.
 */
export const LINK_SLOT = "\u0000link\u0000";

/** What a caller hands to `enqueue`. */
export type MailRequest = NewMail;

/**
 * Makes a message's link when it is sent (or downloaded from the outbox), and
 * withdraws the links made for a message whose sending failed.
 */
export interface LinkMaker {
  make: (ref: string, mail: MailRecord, now: Date) => string;
  withdraw: (mail: MailRecord, now: Date) => void;
}

export interface RetryPolicy {
  /** Wait before the second attempt; doubles with every further attempt. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** After this many attempts a message has failed for good. */
  maxAttempts: number;
}

const DEFAULT_RETRY: RetryPolicy = { firstRetryMs: 60_000, maxRetryMs: 60 * 60_000, maxAttempts: 8 };

export interface MailDeliveryOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; without it every message goes to the outbox. */
  smtpUrl?: string;
  /** The From header, e.g. `netwerkcirkel <noreply@example.org>`. */
  from?: string;
  now: () => Date;
  log: (line: string) => void;
  retry?: Partial<RetryPolicy>;
  /** How often the queue is looked at when nothing wakes it. */
  pollMs?: number;
  /** Messages sent at the same time over the SMTP connection pool. */
  concurrency?: number;
}

const DEFAULT_FROM = "netwerkcirkel <netwerkcirkel@localhost>";
/** Where a link stands in a message read from the outbox or the list of sent messages. */
export const LINK_SHOWN_AS = "{{link}}";

/**
 * Mail delivery. With an SMTP server (SMTP_URL) messages go through a durable queue in
 * the database: each is claimed, sent, and marked sent; a refused or failed attempt is
 * tried again later with a doubling wait, and a permanent refusal (5xx) or too many
 * attempts marks it failed with the server's reason. Without one, every message goes
 * to the outbox, where administrators read it and nothing leaves the machine.
 *
 * Delivery is at least once: a process stopped between the server's acceptance and
 * the database's "sent" (a fraction of a millisecond per message) sends that message
 * again after a restart, with the same Message-ID so the receiver can tell.
 */
export class MailDelivery {
  readonly mode: "smtp" | "outbox";
  readonly from: string;
  private readonly transport: MailTransport | undefined;
  private readonly retry: RetryPolicy;
  private readonly makers = new Map<string, LinkMaker>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly store: MailStore,
    private readonly opts: MailDeliveryOptions,
  ) {
    this.mode = opts.smtpUrl ? "smtp" : "outbox";
    this.from = opts.from ?? DEFAULT_FROM;
    this.transport = opts.smtpUrl ? smtpTransport(opts.smtpUrl, opts.concurrency ?? 4) : undefined;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
  }

  /** Name a link maker that messages can refer to in `link.maker`. */
  registerLink(name: string, maker: LinkMaker): void {
    this.makers.set(name, maker);
  }

  /**
   * Keep a message for delivery; runs in the caller's transaction when there is one, so
   * a message exists exactly when the change it reports does. Returns the stored
   * message (the earlier one when `onceKey` was used before) and whether it is new.
   */
  enqueue(req: MailRequest): { mail: MailRecord; created: boolean } {
    if (req.link && !this.makers.has(req.link.maker)) throw new Error(`no link maker "${req.link.maker}"`);
    if (!req.link && (req.text.includes(LINK_SLOT) || req.html?.includes(LINK_SLOT))) throw new Error("a link slot without a link maker");
    const { record, created } = this.store.insert({ ...req, status: this.mode === "smtp" ? "queued" : "outbox" }, this.opts.now());
    if (created) this.kick();
    return { mail: record, created };
  }

  /** Start sending: messages a stopped process left half-sent are queued again, then the queue is worked. */
  start(): void {
    if (this.mode === "outbox" || this.started) return;
    this.started = true;
    const now = this.opts.now();
    this.store.atomically(() => {
      for (const id of this.store.interrupted()) {
        const mail = this.store.byId(id)!;
        this.withdrawLink(mail, now);
        this.store.requeue(id, now);
      }
    });
    this.schedule(0);
  }

  /** Stop taking messages, let the ones being sent finish, and close the connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Send every message that is due now; resolves with how many were sent. */
  async flush(): Promise<number> {
    if (this.mode === "outbox") return 0;
    while (this.running) await this.running;
    this.running = this.sendDue().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The message as it would be sent, as an .eml file. A held message gets a fresh link each time (the previous one stops working). */
  async eml(mail: MailRecord): Promise<Buffer> {
    const now = this.opts.now();
    let link = LINK_SHOWN_AS;
    if (mail.link && mail.status === "outbox") {
      link = this.store.atomically(() => {
        this.withdrawLink(mail, now);
        return this.makeLink(mail, now);
      });
    }
    return new MailComposer(this.compose(mail, link)).compile().build();
  }

  private kick(): void {
    if (this.started && !this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.flush()
        .catch((err: unknown) => this.opts.log(`mail: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => this.schedule(this.opts.pollMs ?? 5_000));
    }, ms);
    this.timer.unref();
  }

  private async sendDue(): Promise<number> {
    let sent = 0;
    const width = this.opts.concurrency ?? 4;
    while (!this.stopped) {
      const due = this.store.due(this.opts.now(), width * 8);
      if (due.length === 0) break;
      // A few messages at a time over the pool; each one claimed before it goes out.
      const queue = [...due];
      const worker = async () => {
        for (let m = queue.shift(); m && !this.stopped; m = queue.shift()) if (await this.deliver(m)) sent++;
      };
      await Promise.all(Array.from({ length: width }, worker));
    }
    return sent;
  }

  private async deliver(mail: MailRecord): Promise<boolean> {
    const now = this.opts.now();
    let link: string;
    try {
      const claimed = this.store.atomically(() => {
        if (!this.store.claim(mail.id)) return undefined;
        return mail.link ? this.makeLink(mail, now) : "";
      });
      if (claimed === undefined) return false;
      link = claimed;
    } catch (err) {
      // No link can be made any more (the invitation was revoked): nothing to send.
      this.store.markFailed(mail.id, failureReason(err));
      return false;
    }
    try {
      await this.transport!.sendMail(this.compose(mail, link));
      this.store.markSent(mail.id, this.opts.now());
      return true;
    } catch (err) {
      const reason = failureReason(err);
      const later = this.opts.now();
      this.store.atomically(() => {
        this.withdrawLink(mail, later);
        if (isPermanentFailure(err) || mail.attempts + 1 >= this.retry.maxAttempts) {
          this.store.markFailed(mail.id, reason);
        } else {
          const wait = Math.min(this.retry.firstRetryMs * 2 ** mail.attempts, this.retry.maxRetryMs);
          this.store.retryAt(mail.id, new Date(later.getTime() + wait), reason);
        }
      });
      this.opts.log(`mail ${mail.id} (${mail.kind}) not sent: ${reason}`);
      return false;
    }
  }

  private makeLink(mail: MailRecord, now: Date): string {
    const maker = this.makers.get(mail.link!.maker);
    if (!maker) throw new Error(`no link maker "${mail.link!.maker}"`);
    return maker.make(mail.link!.ref, mail, now);
  }

  private withdrawLink(mail: MailRecord, now: Date): void {
    if (mail.link) this.makers.get(mail.link.maker)?.withdraw(mail, now);
  }

  private compose(mail: MailRecord, link: string): Mail.Options {
    const domain = /@([^>\s]+)>?\s*$/.exec(this.from)?.[1] ?? "localhost";
    return {
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text.replaceAll(LINK_SLOT, link),
      ...(mail.html !== undefined && { html: mail.html.replaceAll(LINK_SLOT, escapeHtml(link)) }),
      // The same id on every attempt: a receiver can tell a repeat from a new message.
      messageId: `<mail-${mail.id}.${Date.parse(mail.createdAt)}@${domain}>`,
      date: new Date(mail.createdAt),
      headers: { "Auto-Submitted": "auto-generated" },
    };
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
