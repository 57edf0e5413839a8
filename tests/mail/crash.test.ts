import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Store } from "../../api/store/store.ts";
import { ADMIN } from "../helpers/server.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const COUNT = 40;
const dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-crash-"));
const dbPath = join(dir, "crash.db");
let smtp: TestSmtp | undefined;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await smtp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The real server (`npm start`'s entry point) in its own process, sending through the test's SMTP server. */
function startChild(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "api/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: "0", LOAD_DEMO: "false", ADMIN_TOKEN: ADMIN, SMTP_URL: smtp!.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

const exited = (c: ChildProcess) => new Promise<{ code: number | null; signal: string | null }>((done) => c.once("exit", (code, signal) => done({ code, signal })));

describe("a server killed in the middle of a batch", () => {
  it("delivers every message once after the restart, none twice, and stops cleanly on SIGTERM", { timeout: 120_000 }, async () => {
    smtp = await startSmtp();
    const store = Store.open(dbPath);
    for (let i = 0; i < COUNT; i++) {
      store.mail.insert({ kind: "test", to: `r${i}@example.org`, subject: `Message ${i}`, text: `Hello ${i}`, status: "queued" }, new Date());
    }
    store.close();

    // Halfway, the SMTP server holds every message it is given without answering, and the process is killed.
    let killAt = Math.floor(COUNT / 2);
    let release: (() => void) | undefined;
    const held = new Promise<void>((done) => (release = done));
    smtp.beforeAccept = async () => {
      if (smtp!.received.length < killAt) return;
      await held;
      throw new Error("the sender is gone");
    };
    const first = startChild();
    await smtp.waitFor(killAt, 60_000);
    // Whatever was accepted gets the moment it needs to be recorded; what is held is in flight.
    await new Promise((r) => setTimeout(r, 500));
    first.kill("SIGKILL");
    expect(await exited(first)).toEqual({ code: null, signal: "SIGKILL" });
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBe(killAt);
    killAt = Number.POSITIVE_INFINITY;
    release!();

    const second = startChild();
    await smtp.waitFor(COUNT, 60_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const recipients = smtp.received.map((r) => r.to[0]);
    expect(recipients).toHaveLength(COUNT);
    expect(new Set(recipients).size).toBe(COUNT);

    second.kill("SIGTERM");
    expect(await exited(second)).toEqual({ code: 0, signal: null });
    const after = Store.open(dbPath);
    const { messages } = after.mail.list(COUNT + 1, 0);
    after.close();
    expect(messages.map((m) => m.status).filter((s) => s !== "sent")).toEqual([]);
    // The messages in flight at the kill took a second attempt; the ones already sent did not.
    expect(messages.filter((m) => m.attempts === 2).length).toBeGreaterThan(0);
  });
});
