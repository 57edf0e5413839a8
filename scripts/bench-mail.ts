/**
 * Mail benchmark (`npm run bench:mail -- [--count=1000]`): sends `count` invitations
 * through the real server to a local SMTP server (smtp-server on loopback) and prints
 * the time and how many arrived, with duplicates counted. The baseline is the same
 * number of messages sent straight through a pooled nodemailer transport in the same
 * process, with no queue, database or links; the ratio is the cost of the durable queue.
 * Exits 1 unless exactly `count` distinct recipients got exactly one message each.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { CallDocumentInput } from "../api/schema/call-document.ts";
import { startServer } from "../api/server.ts";

const arg = process.argv.find((a) => a.startsWith("--count="));
const COUNT = arg ? Number(arg.slice(8)) : 1000;
if (!Number.isSafeInteger(COUNT) || COUNT < 1) throw new Error("--count must be a positive integer");
const LOT_SIZE = 10;
const ADMIN = "bench-admin-token-0123456789abcdef";

/** Count what arrives, by envelope recipient. */
async function startSmtp(): Promise<{ url: string; got: Map<string, number>; total: () => number; stop: () => Promise<void> }> {
  const got = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, done) {
      stream.on("data", () => {});
      stream.on("end", () => {
        for (const r of session.envelope.rcptTo) got.set(r.address, (got.get(r.address) ?? 0) + 1);
        done();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    got,
    total: () => [...got.values()].reduce((a, b) => a + b, 0),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

function bigCall(n: number): CallDocumentInput {
  const ids = Array.from({ length: n }, (_, i) => `org-${String(i).padStart(4, "0")}`);
  const lots = Array.from({ length: Math.ceil(n / LOT_SIZE) }, (_, l) => ({
    id: `bench-lot-${l + 1}`,
    number: l + 1,
    name: `Lot ${l + 1}`,
    members: ids.slice(l * LOT_SIZE, (l + 1) * LOT_SIZE).map((organisation, i) => ({ organisation, role: i === 0 ? ("coordinator" as const) : ("partner" as const), active: true })),
  }));
  return {
    format: "netwerkcirkel/v1",
    call: { id: "bench", name: "Bench call", start: "2026-01-01", end: "2026-12-31" },
    organisations: ids.map((id) => ({ id, name: `Fund ${id}` })),
    lots,
    waves: [{ id: "bench-w1", name: "Wave 1", opens: "2026-01-01", closes: "2026-12-31" }],
    circles: [],
  };
}

// Baseline: nodemailer straight to the SMTP server, four connections, no queue.
const base = await startSmtp();
const transport = nodemailer.createTransport({ url: base.url, pool: true, maxConnections: 4 } as Parameters<typeof nodemailer.createTransport>[0]);
let t0 = performance.now();
await Promise.all(Array.from({ length: COUNT }, (_, i) => transport.sendMail({ from: "bench@localhost", to: `r${i}@example.org`, subject: "Hello", text: "Hello" })));
const baseline = performance.now() - t0;
transport.close();
await base.stop();

// The service: invitations made, e-mails set, then sent by mail through the queue.
const smtp = await startSmtp();
const dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-bench-mail-"));
const running = await startServer({ databasePath: join(dir, "bench.db"), port: 0, adminToken: ADMIN, now: () => new Date("2026-06-15T12:00:00Z"), log: () => {}, smtpUrl: smtp.url });
const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(running.url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body !== undefined && { "content-type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
};
try {
  await api("POST", "/api/calls/import", bigCall(COUNT));
  await api("POST", "/api/waves/bench-w1/invitations");
  const emails = Array.from({ length: COUNT }, (_, i) => ({ organisation: `org-${String(i).padStart(4, "0")}`, email: `r${i}@example.org` }));
  await api("PUT", "/api/waves/bench-w1/invitations/emails", { emails });

  t0 = performance.now();
  const sent = await api("POST", "/api/waves/bench-w1/mail/invitations", {});
  const queuedMs = performance.now() - t0;
  await until(() => smtp.total() >= COUNT, 300_000);
  const total = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
  const duplicates = [...smtp.got.values()].filter((n) => n > 1).length;

  console.log(`baseline (nodemailer, no queue): ${COUNT} messages in ${baseline.toFixed(0)} ms`);
  console.log(`invitations queued by POST …/mail/invitations: ${sent.queued.length} in ${queuedMs.toFixed(0)} ms`);
  console.log(`delivered: ${smtp.total()} messages to ${smtp.got.size} recipients in ${total.toFixed(0)} ms (${((COUNT / total) * 1000).toFixed(0)}/s), duplicates: ${duplicates}`);
  console.log(`ratio to the baseline: ${(total / baseline).toFixed(2)}x the time`);
  if (smtp.total() !== COUNT || smtp.got.size !== COUNT || duplicates !== 0) process.exitCode = 1;
} finally {
  await running.close();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
}
