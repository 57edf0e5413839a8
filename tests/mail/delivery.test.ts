import { existsSync, readFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { LINK_SLOT } from "../../api/mail/mail-delivery.ts";
import { DURING_WAVE } from "../helpers/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { freePort, invitedSmallCall, startSmtp, stopAfterEach, type TestSmtp } from "../helpers/smtp.ts";

const RETRY = { firstRetryMs: 60_000, maxRetryMs: 600_000, maxAttempts: 4 };
let server: TestServer | undefined;
let smtp: TestSmtp | undefined;

stopAfterEach(
  () => [server, smtp],
  () => (server = smtp = undefined),
);

/** A server with the small call and one invitation for alpha; answers the invitation's id. */
async function withInvitation(s: TestServer): Promise<number> {
  await invitedSmallCall(s);
  return (await s.api("GET", "/api/waves/t-call-w1/invitations")).body.invitations.find((i: any) => i.organisation === "alpha").id;
}

const hello = (to: string, extra: object = {}) => ({ kind: "test", to, subject: "Hello", text: "Plain hello", html: "<p>Hello</p>", ...extra });

describe("mail delivery", () => {
  it("keeps every message in the outbox when no SMTP server is set, and gives it as .eml", async () => {
    server = await startTestServer({ now: DURING_WAVE });
    expect(server.mail.mode).toBe("outbox");
    const { mail } = server.mail.enqueue(hello("a@example.org"));
    expect(mail.status).toBe("outbox");
    expect(await server.mail.flush()).toBe(0);

    const outbox = await server.api("GET", "/api/outbox");
    expect(outbox.status).toBe(200);
    expect(outbox.body).toMatchObject({ mode: "outbox", total: 1, messages: [{ id: mail.id, to: "a@example.org", subject: "Hello", status: "outbox", hasLink: false }] });

    const eml = await fetch(`${server.url}/api/outbox/${mail.id}/eml`, { headers: { authorization: `Bearer ${(await import("../helpers/server.ts")).ADMIN}` } });
    expect(eml.headers.get("content-type")).toMatch(/^message\/rfc822/);
    const parsed = await simpleParser(Buffer.from(await eml.arrayBuffer()));
    expect(parsed.subject).toBe("Hello");
    expect(parsed.text?.trim()).toBe("Plain hello");
    expect(parsed.html).toContain("<p>Hello</p>");
    expect(parsed.to).toMatchObject({ text: "a@example.org" });
    expect((await server.api("GET", "/api/outbox/999/eml")).status).toBe(404);
    expect((await server.api("GET", "/api/outbox", { token: null })).status).toBe(401);
  });

  it("sends through a real SMTP server, once, with a link made at sending that is stored nowhere", async () => {
    smtp = await startSmtp();
    server = await startTestServer({ now: DURING_WAVE, smtpUrl: smtp.url });
    const invitation = await withInvitation(server);
    const { mail } = server.mail.enqueue(
      hello("alpha@example.org", { text: `Open ${LINK_SLOT} now`, html: `<a href="${LINK_SLOT}">${LINK_SLOT}</a>`, link: { maker: "invitation", ref: String(invitation) } }),
    );
    await smtp.waitFor(1);
    await server.mail.flush();
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.to).toEqual(["alpha@example.org"]);
    const link = /Open (\S+) now/.exec(got.mail.text ?? "")![1]!;
    expect(link).toMatch(new RegExp(`^${server.url}/c/[A-Za-z0-9_-]{43}$`));
    expect(got.mail.html).toContain(`href="${link}"`);
    expect(got.mail.messageId).toMatch(new RegExp(`^<mail-${mail.id}\\.`));
    expect(got.mail.headers.get("auto-submitted")).toBe("auto-generated");

    // The link opens alpha's circle, and the invitation records the first visit.
    const token = link.split("/c/")[1]!;
    const context = await server.api("GET", "/api/my/circle/context", { token });
    expect(context.status).toBe(200);
    expect(context.body.lot.id).toBe("t-call-lot-a");
    expect(server.store.mail.byId(mail.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(server.store.callEdits.invitation(invitation)!.openedAt).toBe(DURING_WAVE.toISOString());

    // The database file holds no link: neither the token nor the link text.
    const files = [server.dbPath, `${server.dbPath}-wal`].filter(existsSync);
    const bytes = files.map((f) => readFileSync(f).toString("latin1")).join("");
    expect(bytes).toContain("alpha@example.org");
    expect(bytes).not.toContain(token);
  });

  it("tries again with a doubling wait while the SMTP server is down, and delivers exactly once when it is back", async () => {
    const port = await freePort();
    let now = new Date(DURING_WAVE);
    server = await startTestServer({ now, smtpUrl: `smtp://127.0.0.1:${port}`, mailRetry: RETRY });
    const { mail } = server.mail.enqueue(hello("beta@example.org"));
    await server.mail.flush();
    const first = server.store.mail.byId(mail.id)!;
    expect(first).toMatchObject({ status: "queued", attempts: 1 });
    expect(first.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(Date.parse(first.nextAttemptAt!) - now.getTime()).toBe(60_000);

    // Not due yet: nothing is tried.
    await server.mail.flush();
    expect(server.store.mail.byId(mail.id)!.attempts).toBe(1);

    now = new Date(now.getTime() + 60_000);
    server.setNow(now);
    await server.mail.flush();
    const second = server.store.mail.byId(mail.id)!;
    expect(second).toMatchObject({ status: "queued", attempts: 2 });
    expect(Date.parse(second.nextAttemptAt!) - now.getTime()).toBe(120_000);

    smtp = await startSmtp(port);
    server.setNow(new Date(now.getTime() + 120_000));
    await server.mail.flush();
    await server.mail.flush();
    expect(smtp.received).toHaveLength(1);
    expect(server.store.mail.byId(mail.id)).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("marks a message failed with the server's reason when it refuses for good (5xx), without trying again", async () => {
    smtp = await startSmtp();
    smtp.mode = "reject";
    server = await startTestServer({ now: DURING_WAVE, smtpUrl: smtp.url, mailRetry: RETRY });
    const { mail } = server.mail.enqueue(hello("nobody@example.org"));
    await server.mail.flush();
    const failed = server.store.mail.byId(mail.id)!;
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/^550 .*nobody@example\.org unavailable/);
    expect(smtp.received).toHaveLength(0);
  });

  it("gives up after the last attempt and keeps the reason", async () => {
    const port = await freePort();
    let now = new Date(DURING_WAVE);
    server = await startTestServer({ now, smtpUrl: `smtp://127.0.0.1:${port}`, mailRetry: RETRY });
    const { mail } = server.mail.enqueue(hello("gamma@example.org"));
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      await server.mail.flush();
      now = new Date(now.getTime() + RETRY.maxRetryMs);
      server.setNow(now);
    }
    expect(server.store.mail.byId(mail.id)).toMatchObject({ status: "failed", attempts: RETRY.maxAttempts });
  });

  it("adds a message with a once-key only once", async () => {
    server = await startTestServer({ now: DURING_WAVE });
    const a = server.mail.enqueue(hello("a@example.org", { onceKey: "k1" }));
    const b = server.mail.enqueue(hello("a@example.org", { onceKey: "k1", subject: "Again" }));
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.mail.id).toBe(a.mail.id);
    expect((await server.api("GET", "/api/outbox")).body.total).toBe(1);
  });
});
