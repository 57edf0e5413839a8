import { createServer } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, expect } from "vitest";
import { SMALL_CALL_WAVE, smallCall } from "./call-document.ts";
import type { TestServer } from "./server.ts";

export interface Received {
  /** The envelope recipients. */
  to: string[];
  mail: ParsedMail;
}

export interface TestSmtp {
  url: string;
  port: number;
  /** Messages the server accepted (answered 250), in order. */
  received: Received[];
  /** "accept" takes every message; "reject" refuses every recipient with a 550. */
  mode: "accept" | "reject";
  /** Recipients refused with a 550 even in "accept" mode. */
  refuse: Set<string>;
  /** Called with each message before it is accepted; throw to refuse it with a 451, or never resolve to hang. */
  beforeAccept?: (mail: ParsedMail) => Promise<void> | void;
  /** Wait until at least `n` messages have arrived. */
  waitFor: (n: number, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

/** A free loopback port: listen on port 0, note it, let go. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** A real SMTP server (smtp-server) on loopback; what it accepts is parsed with mailparser. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: Received[] = [];
  const smtp: TestSmtp = {
    url: "",
    port: 0,
    received,
    mode: "accept",
    refuse: new Set(),
    waitFor: async (n, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (smtp.mode === "reject" || smtp.refuse.has(address.address)) {
        const err = Object.assign(new Error(`mailbox ${address.address} unavailable`), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          await smtp.beforeAccept?.(mail);
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch((err: Error) => callback(Object.assign(err, { responseCode: 451 })));
    },
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", () => done()));
  smtp.port = (server.server.address() as { port: number }).port;
  smtp.url = `smtp://127.0.0.1:${smtp.port}`;
  return smtp;
}

/**
 * Stops, after each test, the servers `running` names, then calls `forget`: a test
 * that fails half-way leaves nothing listening for the next.
 */
export function stopAfterEach(running: () => Array<{ stop(): Promise<void> } | undefined>, forget: () => void): void {
  afterEach(async () => {
    for (const r of running()) await r?.stop();
    forget();
  });
}

/** The small call imported and a link made for every active member of its wave. */
export async function invitedSmallCall(s: TestServer): Promise<void> {
  expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
  expect((await s.api("POST", `/api/waves/${SMALL_CALL_WAVE}/invitations`)).status).toBe(201);
}
