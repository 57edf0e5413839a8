import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer/index.js";

/** What the delivery needs of an SMTP connection: send one message, and close. */
export interface MailTransport {
  sendMail: (message: Mail.Options) => Promise<unknown>;
  close: () => void;
}

/**
 * A pooled nodemailer SMTP transport for `smtp://user:pass@host:port` or `smtps://…`.
 * Timeouts are short enough that a server that hangs counts as down, and the message
 * is tried again later.
 */
export function smtpTransport(url: string, connections: number): MailTransport {
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: connections,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}

/** A 5xx answer means the server will never take this message: trying again cannot help. */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** The server's own words when it answered, else what went wrong on the way; kept short. */
export function failureReason(err: unknown): string {
  const e = err as { response?: unknown; message?: unknown };
  const text = typeof e.response === "string" ? e.response : typeof e.message === "string" ? e.message : String(err);
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}
