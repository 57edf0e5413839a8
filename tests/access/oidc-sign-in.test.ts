import type { Server } from "node:http";
import Provider from "oidc-provider";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, expectAccessibleIn, STAFF_LANGUAGES } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { DURING_WAVE } from "../helpers/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { createAccount } from "../helpers/sessions.ts";
import { freePort } from "../helpers/smtp.ts";

/**
 * Single sign-on against a real OpenID provider (oidc-provider) on loopback, driven
 * through its own login and consent pages in Chromium. The provider's user named
 * by the login gets the e-mail address `<login>@example.org`.
 */
let s: TestServer;
let provider: Server;
let browser: Browser;
let issuer: string;

beforeAll(async () => {
  issuer = `http://127.0.0.1:${await freePort()}`;
  s = await startTestServer({ now: DURING_WAVE, oidc: { issuer, clientId: "netwerkcirkel", clientSecret: "a-client-secret-for-tests" } });
  const op = new Provider(issuer, {
    clients: [
      {
        client_id: "netwerkcirkel",
        client_secret: "a-client-secret-for-tests",
        redirect_uris: [`${s.url}/api/sign-in/oidc/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, email: `${sub}@example.org`, email_verified: !sub.startsWith("unverified") }),
    }),
  });
  provider = op.listen(Number(new URL(issuer).port));
  browser = await launchBrowser();
  await createAccount(s, "els@example.org", "Els Maes", "evaluator");
  const inactive = await createAccount(s, "gone@example.org", "Gone Gert", "evaluator");
  await s.api("PATCH", `/api/accounts/${inactive}`, { body: { active: false } });
  await createAccount(s, "unverified@example.org", "Unverified Ulla", "evaluator");
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => provider?.close(done));
  await s?.stop();
});

/** A browser context; the provider's pages ask for a web font, which nothing here may fetch. */
async function newContext() {
  const context = await browser.newContext();
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

/** Start at our sign-in route, log in at the provider as `login`, consent; returns where our server sent the browser. */
async function signInAs(page: Page, login: string): Promise<{ location: string; setCookie: string }> {
  const callback = page.waitForResponse((r) => r.url().startsWith(`${s.url}/api/sign-in/oidc/callback`));
  await page.goto(`${s.url}/api/sign-in/oidc?next=${encodeURIComponent("/calls/t-call")}`);
  expect(page.url().startsWith(issuer)).toBe(true);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  const res = await callback;
  return { location: res.headers()["location"] ?? "", setCookie: (await res.headerValue("set-cookie")) ?? "" };
}

describe("single sign-on with OpenID Connect", () => {
  it("signs in the account the provider's e-mail claim names, with PKCE, state and nonce", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const { location, setCookie } = await signInAs(page, "els");
    expect(location).toBe("/calls/t-call");
    expect(setCookie).toMatch(/netwerkcirkel_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax/);
    const authorize = new URL(requests.find((u) => u.startsWith(`${issuer}/auth?`))!);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    for (const p of ["code_challenge", "state", "nonce"]) expect(authorize.searchParams.get(p)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${s.url}/api/sign-in/oidc/callback`);

    const who = await context.request.get(`${s.url}/api/session`);
    expect(await who.json()).toEqual({ role: "evaluator", name: "Els Maes", email: "els@example.org", via: "session" });
    const log = (await s.api("GET", "/api/access-log?kind=sign-in")).body.entries;
    expect(log[0]).toMatchObject({ actor: "Els Maes <els@example.org>", subject: "sign-in by oidc" });
    await context.close();
  });

  it("lets no one in without an active account, or with an address the provider has not verified", async () => {
    for (const login of ["stranger", "gone", "unverified"]) {
      const context = await newContext();
      const page = await context.newPage();
      const { location, setCookie } = await signInAs(page, login);
      expect(location, login).toBe("/?reason=no-account");
      expect(setCookie, login).not.toContain("netwerkcirkel_session=");
      expect((await context.request.get(`${s.url}/api/session`)).status(), login).toBe(401);
      await context.close();
    }
  });

  it("refuses a callback without the round trip it belongs to, and a replayed one", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const callback = page.waitForRequest((r) => r.url().startsWith(`${s.url}/api/sign-in/oidc/callback`));
    await signInAs(page, "els");
    const url = (await callback).url();
    // The same answer of the provider again: its round trip is over (and the code is spent).
    const replayed = await context.request.get(url, { maxRedirects: 0 });
    expect([replayed.status(), replayed.headers()["location"]]).toEqual([303, "/?reason=sso-failed"]);
    // In another browser, which never started a round trip (a link planted by someone else).
    const other = await newContext();
    const planted = await other.request.get(url, { maxRedirects: 0 });
    expect([planted.status(), planted.headers()["location"]]).toEqual([303, "/?reason=sso-failed"]);
    expect((await other.request.get(`${s.url}/api/session`)).status()).toBe(401);
    await other.close();
    await context.close();
  });
});

describe("the sign-in page with single sign-on", () => {
  /** Log in at the provider's own pages as `login` and consent. */
  const atProvider = async (page: Page, login: string) => {
    await page.waitForURL((url) => url.href.startsWith(issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
  };

  it("offers the organisation's sign-on, which brings the person to the page they were going to", { timeout: 60_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${s.url}/?next=${encodeURIComponent("/outbox")}`);
    const button = page.getByRole("link", { name: "Sign in through your organisation" });
    expect(await button.getAttribute("href")).toBe("/api/sign-in/oidc?next=%2Foutbox");
    // Left in the first language checked: English, as this browser asks.
    await expectAccessibleIn(page, "sign-in with single sign-on", [...STAFF_LANGUAGES].reverse(), (p) => p.locator("main:not([aria-busy])").waitFor());
    await expectLikeReference(page, "staff-sign-in-sso-en");
    await button.click();
    await atProvider(page, "els");
    // Els is an evaluator: the outbox is for admins, so her page says so, under her name.
    await page.waitForURL(`${s.url}/outbox`);
    await expect.poll(() => page.locator(".topbar-account summary").textContent()).toBe("Els Maes · evaluator");
    await context.close();
  });

  it("tells a person the provider knows but who has no account why they are not in", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${s.url}/`);
    await page.getByRole("link", { name: "Sign in through your organisation" }).click();
    await atProvider(page, "stranger");
    await page.waitForURL(`${s.url}/?reason=no-account`);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Netwerkcirkel has no active account for that e-mail address");
    await expectAccessible(page, "sign-in after an unknown account");
    await context.close();
  });
});
