import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reminderTimes } from "../../api/calls/wave-mail.ts";
import { zonedInstant } from "../../api/mail/zoned-time.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { invitedSmallCall, startSmtp, stopAfterEach, type TestSmtp, type Received } from "../helpers/smtp.ts";

const WAVE = "t-call-w1";
const EMAILS: Record<string, string> = {
  alpha: "alpha@example.org",
  beta: "beta@example.org",
  gamma: "gamma@example.org",
  epsilon: "epsilon@example.org",
  zeta: "zeta@example.org",
};
/** The wave of smallCall closes on 2026-12-31; a week before is 2026-12-24, 09:00 in Brussels is 08:00 UTC. */
const SEVEN_DAYS_BEFORE = new Date("2026-12-24T08:00:00Z");
const TWO_DAYS_BEFORE = new Date("2026-12-29T08:00:00Z");

let server: TestServer | undefined;
let smtp: TestSmtp | undefined;
stopAfterEach(
  () => [server, smtp],
  () => (server = smtp = undefined),
);

/** The small call, a link for every active member, and their e-mails. */
async function invitedCall(s: TestServer): Promise<void> {
  await invitedSmallCall(s);
  const emails = Object.entries(EMAILS).map(([organisation, email]) => ({ organisation, email }));
  expect((await s.api("PUT", `/api/waves/${WAVE}/invitations/emails`, { body: { emails } })).status).toBe(200);
}

/** The invited call with its invitations mailed and received: each respondent's e-mail and the token its link carries. */
async function mailedInvitations(s: TestServer, received: TestSmtp): Promise<Map<string, string>> {
  await invitedCall(s);
  await s.api("POST", `/api/waves/${WAVE}/mail/invitations`, { body: {} });
  await s.mail.flush();
  await received.waitFor(5);
  return new Map(received.received.map((r) => [to(r), tokenOf(linkIn(r))]));
}

const linkIn = (r: Received) => /(http:\/\/\S+\/c\/[A-Za-z0-9_-]{43}(?:\/report)?)/.exec(r.mail.text ?? "")![1]!;
const tokenOf = (link: string) => /\/c\/([A-Za-z0-9_-]{43})/.exec(link)![1]!;
const to = (r: Received) => r.to[0]!;

async function submit(s: TestServer, token: string, partner: string): Promise<void> {
  const circle = { ties: [{ partner, forms: { information: 3, support: 2 } }] };
  expect((await s.api("POST", "/api/my/circle/submit", { token, body: circle })).status).toBe(201);
}

describe("reminder times", () => {
  it("are 09:00 in Brussels on either side of the clock changes", () => {
    expect(zonedInstant("2026-03-28", "09:00", "Europe/Brussels").toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(zonedInstant("2026-03-29", "09:00", "Europe/Brussels").toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(zonedInstant("2026-10-24", "09:00", "Europe/Brussels").toISOString()).toBe("2026-10-24T07:00:00.000Z");
    expect(zonedInstant("2026-10-25", "09:00", "Europe/Brussels").toISOString()).toBe("2026-10-25T08:00:00.000Z");
    expect(reminderTimes({ closes: "2026-04-02" }, { days: [2, 7], at: "09:00" })).toEqual([
      { daysBefore: 7, at: "2026-03-26T08:00:00.000Z" },
      { daysBefore: 2, at: "2026-03-31T07:00:00.000Z" },
    ]);
  });
});

describe("mail to a wave's respondents", () => {
  it("sends invitations in each organisation's language with working links, once", async () => {
    smtp = await startSmtp();
    server = await startTestServer({ now: new Date("2026-06-15T12:00:00Z"), smtpUrl: smtp.url });
    await invitedCall(server);
    expect((await server.api("PUT", "/api/calls/t-call/organisations/beta/language", { body: { language: "fr" } })).status).toBe(200);
    expect((await server.api("PUT", "/api/calls/t-call/organisations/epsilon/language", { body: { language: "de" } })).status).toBe(200);
    expect((await server.api("PUT", "/api/calls/t-call/organisations/zeta/language", { body: { language: "xx" } })).body.error.details[0].path).toBe("body.language");

    const sent = await server.api("POST", `/api/waves/${WAVE}/mail/invitations`, { body: {} });
    expect(sent.status).toBe(201);
    expect(sent.body.queued.sort()).toEqual(["alpha", "beta", "epsilon", "gamma", "zeta"]);
    await server.mail.flush();
    await smtp.waitFor(5);
    const by = new Map(smtp.received.map((r) => [to(r), r]));
    expect(by.get(EMAILS.alpha!)!.mail.subject).toBe("Uw netwerkcirkel voor Test call: Wave 1");
    expect(by.get(EMAILS.beta!)!.mail.subject).toBe("Votre cercle de réseau pour Test call : Wave 1");
    expect(by.get(EMAILS.epsilon!)!.mail.subject).toBe("Ihr Netzwerkkreis für Test call: Wave 1");
    expect(by.get(EMAILS.beta!)!.mail.text).toContain("31 décembre 2026");
    expect(by.get(EMAILS.epsilon!)!.mail.html).toContain('lang="de"');

    // Each link opens that organisation's own circle.
    for (const [organisation, email] of Object.entries(EMAILS)) {
      const context = await server.api("GET", "/api/my/circle/context", { token: tokenOf(linkIn(by.get(email)!)) });
      expect(context.status).toBe(200);
      expect(context.body.organisation.id).toBe(organisation);
    }

    // A second send adds nothing: every invitation went already.
    const again = await server.api("POST", `/api/waves/${WAVE}/mail/invitations`, { body: {} });
    expect(again.body.queued).toEqual([]);
    expect(again.body.skipped.map((s: any) => s.reason)).toEqual(["already-sent", "already-sent", "already-sent", "already-sent", "already-sent"]);
    await server.mail.flush();
    expect(smtp.received).toHaveLength(5);

    // The progress view: sent, opened.
    const progress = (await server.api("GET", `/api/waves/${WAVE}/progress`)).body;
    const lotA = progress.lots[0];
    expect(lotA.counts).toMatchObject({ invited: 3, failed: 0, opened: 3 });
    expect(lotA.members.find((m: any) => m.organisation === "beta").mail).toMatchObject({ language: "fr", invitation: { status: "sent" } });
  });

  it("refuses unknown placeholders with their path, previews and uses a call's own wording", async () => {
    smtp = await startSmtp();
    server = await startTestServer({ now: new Date("2026-06-15T12:00:00Z"), smtpUrl: smtp.url });
    await invitedCall(server);
    const path = "/api/calls/t-call/mail/templates/invitation/en";
    const bad = await server.api("PUT", path, { body: { subject: "Hi {{name}}", body: "Go to {{link}} before {{closing}}" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: "body.subject", message: expect.stringContaining("unknown placeholder {{name}}") },
      { path: "body.body", message: expect.stringContaining("unknown placeholder {{closing}}") },
    ]);
    const noLink = await server.api("PUT", path, { body: { subject: "Hi", body: "No link here" } });
    expect(noLink.body.error.details).toEqual([{ path: "body.body", message: "the body must hold {{link}}" }]);

    const template = { subject: "{{wave}} for {{organisation}}", body: "Dear {{organisation}},\n\nPlease answer for {{lot}} by {{closes}}:\n{{link}}" };
    const preview = await server.api("POST", `/api/waves/${WAVE}/mail/preview`, { body: { kind: "invitation", organisation: "gamma", language: "en", template } });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe("Wave 1 for Gamma Fund");
    expect(preview.body.text).toBe("Dear Gamma Fund,\n\nPlease answer for Lot A by December 31, 2026:\n{{link}}");
    expect((await server.api("PUT", path, { body: template })).status).toBe(200);
    expect((await server.api("PUT", "/api/calls/t-call/organisations/gamma/language", { body: { language: "en" } })).status).toBe(200);
    await server.api("POST", `/api/waves/${WAVE}/mail/invitations`, { body: { organisations: ["gamma"] } });
    await server.mail.flush();
    await smtp.waitFor(1);
    expect(smtp.received[0]!.mail.subject).toBe("Wave 1 for Gamma Fund");
    expect(smtp.received[0]!.mail.text).toMatch(/^Dear Gamma Fund,\n\nPlease answer for Lot A by December 31, 2026:\nhttp:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9_-]{43}\s*$/);
  });

  it("holds no answer and no figure in any message", async () => {
    server = await startTestServer({ now: new Date("2026-06-15T12:00:00Z") });
    await invitedCall(server);
    await server.api("POST", `/api/waves/${WAVE}/mail/invitations`, { body: {} });
    const links = (await server.api("GET", "/api/outbox")).body.messages;
    // Every partner of lot A answers about the others, with scores.
    for (const m of links) {
      const eml = await fetch(`${server.url}/api/outbox/${m.id}/eml`, { headers: { authorization: "Bearer test-admin-token-0123456789abcdef" } });
      const token = /\/c\/([A-Za-z0-9_-]{43})/.exec(await eml.text())![1]!;
      if (m.organisationId === "alpha") await submit(server, token, "beta");
      if (m.organisationId === "beta") await submit(server, token, "alpha");
    }
    for (const kind of ["invitation", "reminder", "report-ready"]) {
      for (const language of ["nl", "en", "fr", "de"]) {
        for (const organisation of ["alpha", "beta", "gamma"]) {
          const { body } = await server.api("POST", `/api/waves/${WAVE}/mail/preview`, { body: { kind, organisation, language } });
          const own = server.store.calls.organisation("t-call", organisation)!.name;
          for (const text of [body.subject, body.text]) {
            // Another organisation's name, or any number besides the closing day, would be something from the answers.
            for (const other of ["Alpha Fund", "Beta Fund", "Gamma Fund", "Delta Fund"].filter((n) => n !== own)) expect(text).not.toContain(other);
            expect(text.replaceAll("Wave 1", "").replaceAll("2026", "").replaceAll("31", "")).not.toMatch(/\d/);
          }
        }
      }
    }
  });

  it("reminds only those who have not submitted, at 09:00 Brussels a week and two days before closing, once each, across restarts", async () => {
    smtp = await startSmtp();
    const dbPath = join(mkdtempSync(join(tmpdir(), "netwerkcirkel-mail-")), "restart.db");
    server = await startTestServer({ dbPath, now: new Date("2026-06-15T12:00:00Z"), smtpUrl: smtp.url });
    const invitations = await mailedInvitations(server, smtp);
    await submit(server, invitations.get(EMAILS.alpha!)!, "beta");
    await submit(server, invitations.get(EMAILS.epsilon!)!, "zeta");
    smtp.received.length = 0;

    server.setNow(new Date(SEVEN_DAYS_BEFORE.getTime() - 1));
    expect(server.scheduler.run()).toBe(0);
    server.setNow(SEVEN_DAYS_BEFORE);
    expect(server.scheduler.run()).toBe(3);
    expect(server.scheduler.run()).toBe(0);
    await server.mail.flush();
    await smtp.waitFor(3);
    expect(smtp.received.map(to).sort()).toEqual([EMAILS.beta, EMAILS.gamma, EMAILS.zeta]);
    expect(smtp.received[0]!.mail.subject).toMatch(/^Herinnering: /);
    // The reminder's own link works.
    const context = await server.api("GET", "/api/my/circle/context", { token: tokenOf(linkIn(smtp.received[0]!)) });
    expect(context.status).toBe(200);

    // Down before the second reminder fell due, up after: it goes once.
    await server.stop();
    smtp.received.length = 0;
    server = await startTestServer({ dbPath, now: new Date(TWO_DAYS_BEFORE.getTime() + 3 * 3600_000), smtpUrl: smtp.url });
    await server.mail.flush();
    await smtp.waitFor(3);
    expect(smtp.received.map(to).sort()).toEqual([EMAILS.beta, EMAILS.gamma, EMAILS.zeta]);
    expect(server.scheduler.run()).toBe(0);
    await server.stop();
    server = await startTestServer({ dbPath, now: new Date(TWO_DAYS_BEFORE.getTime() + 4 * 3600_000), smtpUrl: smtp.url });
    await server.mail.flush();
    expect(smtp.received).toHaveLength(3);

    // The database itself refuses a second reminder to the same organisation.
    expect(() => server!.store.mailSettings.recordReminder(WAVE, 2, "beta", 1, new Date())).toThrow(/UNIQUE|PRIMARY KEY/);

    const progress = (await server.api("GET", `/api/waves/${WAVE}/progress`)).body;
    const beta = progress.lots[0].members.find((m: any) => m.organisation === "beta");
    expect(beta.mail.reminders.map((r: any) => [r.daysBefore, r.status])).toEqual([[7, "sent"], [2, "sent"]]);
    expect(progress.lots[0].members.find((m: any) => m.organisation === "alpha").mail.reminders).toEqual([]);

    // Reminders can be moved or switched off.
    expect((await server.api("PUT", `/api/waves/${WAVE}/reminders`, { body: { days: [1, 1], at: "9:00" } })).body.error.details.map((d: any) => d.path).sort()).toEqual(["body.at", "body.days"]);
    const off = await server.api("PUT", `/api/waves/${WAVE}/reminders`, { body: { days: [], at: "09:00" } });
    expect(off.body.due).toEqual([]);
  });

  it("shows a permanent refusal on the progress view with the server's reason", async () => {
    smtp = await startSmtp();
    smtp.refuse.add(EMAILS.gamma!);
    server = await startTestServer({ now: new Date("2026-06-15T12:00:00Z"), smtpUrl: smtp.url });
    await invitedCall(server);
    await server.api("POST", `/api/waves/${WAVE}/mail/invitations`, { body: {} });
    await server.mail.flush();
    const progress = (await server.api("GET", `/api/waves/${WAVE}/progress`)).body;
    const gamma = progress.lots[0].members.find((m: any) => m.organisation === "gamma");
    expect(gamma.mail.invitation).toMatchObject({ status: "failed", reason: expect.stringMatching(/^550 .*gamma@example\.org unavailable/) });
    expect(progress.lots[0].counts).toMatchObject({ invited: 2, failed: 1 });
  });

  it("tells each respondent that the report is ready when the wave closes, with a link to it", async () => {
    smtp = await startSmtp();
    server = await startTestServer({ now: new Date("2026-06-15T12:00:00Z"), smtpUrl: smtp.url });
    const invitations = await mailedInvitations(server, smtp);
    await submit(server, invitations.get(EMAILS.alpha!)!, "beta");
    await submit(server, invitations.get(EMAILS.beta!)!, "alpha");
    await submit(server, invitations.get(EMAILS.gamma!)!, "alpha");
    smtp.received.length = 0;

    expect((await server.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "closed" } })).status).toBe(200);
    await server.mail.flush();
    await smtp.waitFor(3);
    expect(smtp.received.map(to).sort()).toEqual([EMAILS.alpha, EMAILS.beta, EMAILS.gamma]);
    const alpha = smtp.received.find((r) => to(r) === EMAILS.alpha)!;
    expect(alpha.mail.subject).toBe("Uw feedbackrapport voor Wave 1 staat klaar");
    const link = linkIn(alpha);
    expect(link).toMatch(/\/report$/);
    const report = await server.api("GET", "/api/my/report", { token: tokenOf(link) });
    expect(report.status).toBe(200);

    // Closing again (or the scheduler looking again) sends nothing more.
    await server.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "open" } });
    await server.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "closed" } });
    expect(server.scheduler.run()).toBe(0);
    await server.mail.flush();
    expect(smtp.received).toHaveLength(3);
  });
});
