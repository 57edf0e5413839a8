import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { createAccount, linkFor, linkSession, sessionCookie, tokenSession, type SessionHeaders } from "../helpers/sessions.ts";

const MINUTE = 60_000;
const at = (ms: number) => new Date(DURING_WAVE.getTime() + ms);

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ now: DURING_WAVE, sessions: { idleMinutes: 30, maxHours: 8 } });
  expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
});
afterAll(() => s.stop());

/** GET /api/session with a browser session's cookie. */
const whoAmI = (h: SessionHeaders) => s.api("GET", "/api/session", { token: null, headers: h });

describe("staff accounts", () => {
  it("are created, listed, changed and refused twice for one address", async () => {
    const id = await createAccount(s, "Els.Maes@Example.org", "Els Maes", "evaluator");
    const again = await s.api("POST", "/api/accounts", { body: { email: "els.maes@example.org", name: "Els", role: "admin" } });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([{ path: "body.email", message: "already has an account" }]);
    const bad = await s.api("POST", "/api/accounts", { body: { email: "not an address", name: " ", role: "boss" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(["body.email", "body.name", "body.role"]);

    const listed = (await s.api("GET", "/api/accounts")).body.accounts.find((a: any) => a.id === id);
    expect(listed).toMatchObject({ email: "els.maes@example.org", name: "Els Maes", role: "evaluator", active: true, sessions: 0, tokens: 0 });
    const changed = await s.api("PATCH", `/api/accounts/${id}`, { body: { name: "Els Maes-Peeters" } });
    expect(changed.body.account).toMatchObject({ name: "Els Maes-Peeters", role: "evaluator" });
    expect((await s.api("PATCH", `/api/accounts/${id}`, { body: {} })).status).toBe(400);
    expect((await s.api("PATCH", "/api/accounts/9999", { body: { name: "Nobody" } })).status).toBe(404);
  });

  it("cannot be locked by their own admin", async () => {
    await createAccount(s, "root@example.org", "Root Admin", "admin");
    const self = await linkSession(s, "root@example.org", DURING_WAVE);
    const me = (await s.api("GET", "/api/accounts", { token: null, headers: self })).body.accounts.find((a: any) => a.email === "root@example.org");
    for (const body of [{ active: false }, { role: "evaluator" }]) {
      const res = await s.api("PATCH", `/api/accounts/${me.id}`, { token: null, headers: self, body });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("own_account");
    }
  });
});

describe("sign-in by one-time e-mail link", () => {
  it("opens an httpOnly, SameSite session and names the person", async () => {
    await createAccount(s, "an.janssens@example.org", "An Janssens", "evaluator");
    const issued = { secret: linkFor(s, "an.janssens@example.org", DURING_WAVE) };
    const res = await s.api("POST", "/api/sign-in/link", { token: null, body: { link: issued.secret }, headers: { origin: s.url } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ role: "evaluator", name: "An Janssens" });
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^netwerkcirkel_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    // The database keeps no secret: neither the link nor the session's cookie value.
    const dump = JSON.stringify([s.store.db.prepare("SELECT * FROM sessions").all(), s.store.db.prepare("SELECT * FROM sign_in_links").all()]);
    expect(dump).not.toContain(issued.secret);
    expect(dump).not.toContain(cookie!.split(/[=;]/)[1]);
    const who = await whoAmI({ cookie: sessionCookie(res), origin: s.url });
    expect(who.body).toEqual({ role: "evaluator", name: "An Janssens", email: "an.janssens@example.org", via: "session" });
  });

  it("refuses a used link, an expired link, an unknown link and an inactive account's link", async () => {
    const id = await createAccount(s, "jan.peeters@example.org", "Jan Peeters", "evaluator");
    const redeem = (link: string) => s.api("POST", "/api/sign-in/link", { token: null, body: { link }, headers: { origin: s.url } });

    const once = linkFor(s, "jan.peeters@example.org", DURING_WAVE);
    expect((await redeem(once)).status).toBe(200);
    const used = await redeem(once);
    expect([used.status, used.body.error.code]).toEqual([401, "link_used"]);
    expect(used.headers.getSetCookie()).toEqual([]);

    const late = linkFor(s, "jan.peeters@example.org", DURING_WAVE);
    s.setNow(at(15 * MINUTE + 1));
    const expired = await redeem(late);
    expect([expired.status, expired.body.error.code]).toEqual([401, "link_expired"]);
    s.setNow(DURING_WAVE);
    const inTime = linkFor(s, "jan.peeters@example.org", DURING_WAVE);
    s.setNow(at(15 * MINUTE - 1000));
    expect((await redeem(inTime)).status).toBe(200);
    s.setNow(DURING_WAVE);

    const unknown = await redeem("x".repeat(43));
    expect([unknown.status, unknown.body.error.code]).toEqual([401, "link_unknown"]);

    const beforeDeactivation = linkFor(s, "jan.peeters@example.org", DURING_WAVE);
    expect((await s.api("PATCH", `/api/accounts/${id}`, { body: { active: false } })).status).toBe(200);
    const inactive = await redeem(beforeDeactivation);
    expect([inactive.status, inactive.body.error.code]).toEqual([401, "link_inactive"]);
  });

  it("is sent by mail on request (the outbox without SMTP), works 15 minutes from sending, and tells no one who has an account", async () => {
    await createAccount(s, "mail.me@example.org", "Mia Mail", "admin");
    const ask = (email: string) => s.api("POST", "/api/sign-in/email", { token: null, body: { email, language: "en" }, headers: { origin: s.url } });
    const outbox = async () => (await s.api("GET", "/api/outbox")).body.messages.filter((m: any) => m.kind === "sign-in");
    const before = (await outbox()).length;
    for (const email of ["Mail.Me@example.org", "nobody@example.org", "jan.peeters@example.org"]) {
      const res = await ask(email);
      expect([res.status, res.body]).toEqual([202, { sent: true, validMinutes: 15 }]);
    }
    // Only the active account got a message; the inactive one (Jan, above) and the unknown address got none.
    const sent = (await outbox()).slice(0, (await outbox()).length - before);
    expect(sent.map((m: any) => [m.to, m.subject])).toEqual([["mail.me@example.org", "Sign in to Network circle"]]);
    expect(sent[0].text).toContain("Dear Mia Mail");
    expect(sent[0].text).toContain("{{link}}");

    const eml = async () => (await simpleParser((await s.api("GET", `/api/outbox/${sent[0].id}/eml`)).body as string)).text ?? "";
    const first = /\/sign-in\/link#([A-Za-z0-9_-]{43})/.exec(await eml())![1]!;
    // Read again from the outbox, the message carries a new link and the earlier one stops working.
    s.setNow(at(5 * MINUTE));
    const second = /\/sign-in\/link#([A-Za-z0-9_-]{43})/.exec(await eml())![1]!;
    expect(second).not.toBe(first);
    const redeem = (link: string) => s.api("POST", "/api/sign-in/link", { token: null, body: { link }, headers: { origin: s.url } });
    expect((await redeem(first)).body.error.code).toBe("link_unknown");
    s.setNow(at(5 * MINUTE + 15 * MINUTE - 1000));
    const ok = await redeem(second);
    expect(ok.body).toEqual({ role: "admin", name: "Mia Mail" });
    s.setNow(DURING_WAVE);
    // A request from another site is refused like every sign-in.
    expect((await s.api("POST", "/api/sign-in/email", { token: null, body: { email: "mail.me@example.org" }, headers: { origin: "https://evil.example" } })).status).toBe(403);
  });
});

describe("sessions", () => {
  it("end after the idle timeout, and the idle clock restarts with every request", async () => {
    await createAccount(s, "idle@example.org", "Idle Ida", "evaluator");
    const h = await linkSession(s, "idle@example.org", DURING_WAVE);
    s.setNow(at(29 * MINUTE));
    expect((await whoAmI(h)).status).toBe(200);
    s.setNow(at(58 * MINUTE));
    expect((await whoAmI(h)).status).toBe(200);
    s.setNow(at(58 * MINUTE + 31 * MINUTE));
    const ended = await whoAmI(h);
    expect([ended.status, ended.body.error.code]).toEqual([401, "session_ended"]);
    s.setNow(DURING_WAVE);
    // Ended for good: going back in time does not revive it.
    expect((await whoAmI(h)).status).toBe(401);
  });

  it("end at their absolute lifetime however busy", async () => {
    await createAccount(s, "busy@example.org", "Busy Bert", "evaluator");
    const h = await linkSession(s, "busy@example.org", DURING_WAVE);
    for (let m = 20; m < 8 * 60; m += 20) {
      s.setNow(at(m * MINUTE));
      expect((await whoAmI(h)).status, `after ${m} minutes`).toBe(200);
    }
    s.setNow(at(8 * 60 * MINUTE + 1000));
    expect((await whoAmI(h)).status).toBe(401);
    s.setNow(DURING_WAVE);
  });

  it("sign out one browser, or every browser of the person", async () => {
    const id = await createAccount(s, "multi@example.org", "Multi Mia", "evaluator");
    const [laptop, phone, tablet] = [
      await linkSession(s, "multi@example.org", DURING_WAVE),
      await linkSession(s, "multi@example.org", DURING_WAVE),
      await linkSession(s, "multi@example.org", DURING_WAVE),
    ];
    const other = await tokenSession(s, ADMIN);
    const out = await s.api("POST", "/api/sign-out", { token: null, headers: laptop });
    expect(out.body).toEqual({ signedOut: 1 });
    expect(out.headers.getSetCookie()[0]).toMatch(/^netwerkcirkel_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect((await whoAmI(laptop)).status).toBe(401);
    expect((await whoAmI(phone)).status).toBe(200);
    expect((await s.api("GET", "/api/accounts")).body.accounts.find((a: any) => a.id === id).sessions).toBe(2);

    expect((await s.api("POST", "/api/sign-out/everywhere", { token: null, headers: phone })).body).toEqual({ signedOut: 2 });
    expect((await whoAmI(tablet)).status).toBe(401);
    expect((await whoAmI(other)).status).toBe(200);

    // An admin signs a person out everywhere from the accounts page.
    const again = await linkSession(s, "multi@example.org", DURING_WAVE);
    expect((await s.api("POST", `/api/accounts/${id}/sign-out`, { token: null, headers: other })).body).toEqual({ signedOut: 1 });
    expect((await whoAmI(again)).status).toBe(401);
  });

  it("end when the account is made inactive, and follow a change of role at once", async () => {
    const id = await createAccount(s, "promo@example.org", "Promo Piet", "evaluator");
    const h = await linkSession(s, "promo@example.org", DURING_WAVE);
    expect((await s.api("GET", "/api/accounts", { token: null, headers: h })).status).toBe(403);
    await s.api("PATCH", `/api/accounts/${id}`, { body: { role: "admin" } });
    expect((await s.api("GET", "/api/accounts", { token: null, headers: h })).status).toBe(200);
    await s.api("PATCH", `/api/accounts/${id}`, { body: { active: false } });
    expect((await whoAmI(h)).status).toBe(401);
    await s.api("PATCH", `/api/accounts/${id}`, { body: { active: true } });
    expect((await whoAmI(h)).status, "reactivating does not revive old sessions").toBe(401);
  });

  it("are Secure behind HTTPS", async () => {
    const res = await s.api("POST", "/api/sign-in/token", { token: null, body: { token: ADMIN }, headers: { origin: s.url.replace("http:", "https:"), "x-forwarded-proto": "https" } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure;/);
  });

  it("opened with a token end when the token is revoked; a respondent's token opens none", async () => {
    const made = (await s.api("POST", "/api/tokens", { body: { name: "Temp" } })).body;
    const h = await tokenSession(s, made.token);
    expect((await whoAmI(h)).body).toMatchObject({ role: "evaluator", name: "Temp", via: "session" });
    await s.api("DELETE", `/api/tokens/${made.id}`);
    expect((await whoAmI(h)).status).toBe(401);

    const link: string = (await s.api("POST", "/api/waves/t-call-w1/invitations")).body.invitations[0].link;
    const respondent = await s.api("POST", "/api/sign-in/token", { token: null, body: { token: link.slice(link.lastIndexOf("/") + 1) }, headers: { origin: s.url } });
    expect([respondent.status, respondent.body.error.code]).toEqual([403, "not_staff"]);
    expect(respondent.headers.getSetCookie()).toEqual([]);
    const unknown = await s.api("POST", "/api/sign-in/token", { token: null, body: { token: "y".repeat(43) }, headers: { origin: s.url } });
    expect(unknown.status).toBe(401);
  });
});

describe("bearer tokens of a person", () => {
  it("are listed with their owner, act with the owner's role, and stop with the account", async () => {
    const id = await createAccount(s, "script@example.org", "Sara Script", "evaluator");
    const made = await s.api("POST", "/api/tokens", { body: { name: "R scripts", account: id } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "R scripts", role: "evaluator", owner: { id, name: "Sara Script", email: "script@example.org" } });
    const listed = (await s.api("GET", "/api/tokens")).body.tokens.find((t: any) => t.id === made.body.id);
    expect(listed).toEqual({ id: made.body.id, name: "R scripts", role: "evaluator", createdAt: DURING_WAVE.toISOString(), owner: { id, name: "Sara Script", email: "script@example.org" } });
    expect(JSON.stringify((await s.api("GET", "/api/tokens")).body)).not.toContain(made.body.token);
    expect((await s.api("GET", "/api/accounts")).body.accounts.find((a: any) => a.id === id).tokens).toBe(1);

    const who = await s.api("GET", "/api/session", { token: made.body.token });
    expect(who.body).toEqual({ role: "evaluator", name: "Sara Script", email: "script@example.org", via: "bearer" });
    await s.api("PATCH", `/api/accounts/${id}`, { body: { active: false } });
    expect((await s.api("GET", "/api/calls", { token: made.body.token })).status).toBe(401);
    await s.api("PATCH", `/api/accounts/${id}`, { body: { active: true } });
    expect((await s.api("GET", "/api/calls", { token: made.body.token })).status).toBe(200);
    expect((await s.api("DELETE", `/api/tokens/${made.body.id}`)).status).toBe(200);
    expect((await s.api("GET", "/api/calls", { token: made.body.token })).status).toBe(401);

    const inactive = await createAccount(s, "gone@example.org", "Gone", "evaluator");
    await s.api("PATCH", `/api/accounts/${inactive}`, { body: { active: false } });
    expect((await s.api("POST", "/api/tokens", { body: { name: "x", account: inactive } })).status).toBe(409);
    expect((await s.api("POST", "/api/tokens", { body: { name: "x", account: 9999 } })).status).toBe(404);
  });
});
