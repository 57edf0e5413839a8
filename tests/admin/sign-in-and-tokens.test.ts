import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DURING_WAVE, inviteAll, tokenOf } from "../helpers/call-document.ts";
import { serverAndBrowser } from "../helpers/fixtures.ts";
import { ADMIN } from "../helpers/server.ts";
import { newTab, openDialog, signIn, textOf } from "./admin-pages.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";

let respondentToken: string;
const fx = serverAndBrowser({ now: DURING_WAVE }, async (server) => {
  respondentToken = tokenOf([...(await inviteAll(server)).values()][0]!);
});

/** What scripts of the page could read: web storage and the cookies not marked httpOnly. */
const readable = (page: Page) => page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);

/** Sign in with a token on the sign-in page: the secondary way, folded away below the e-mail link. */
async function tokenSignIn(page: Page, token: string): Promise<void> {
  await page.getByText("Aanmelden met een token", { exact: true }).click();
  await page.getByLabel("Token", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Aanmelden met token" }).click();
}

/** Try a token on the sign-in page; returns the refusal shown. */
async function refusedSignIn(page: Page, token: string): Promise<string> {
  await page.goto(`${fx.server.url}/`);
  await tokenSignIn(page, token);
  const notice = page.getByRole("alert");
  await notice.waitFor();
  return (await notice.textContent()) ?? "";
}

describe("signing in", () => {
  it("says plainly when a token is wrong, and keeps nothing", async () => {
    const page = await newTab(fx.browser, fx.server.url);
    expect(await refusedSignIn(page, "not-a-token-of-this-service")).toContain("Deze token is onbekend of ingetrokken.");
    expect(page.url()).toBe(`${fx.server.url}/`);
    expect(await readable(page)).not.toContain("not-a-token");
    expect(await page.context().cookies()).toEqual([]);
    await expectLikeReference(page, "admin-sign-in");
    await page.context().close();
  });

  it("sends a consultant with an invitation token to their link instead", async () => {
    const page = await newTab(fx.browser, fx.server.url);
    expect(await refusedSignIn(page, respondentToken)).toContain("Dit is de token van een uitnodigingslink.");
    await page.context().close();
  });

  it("opens a session no script can read, goes back where it was sent from, and signs out", async () => {
    const page = await newTab(fx.browser, fx.server.url);
    await page.goto(`${fx.server.url}/tokens`);
    await page.waitForURL(`${fx.server.url}/?next=%2Ftokens`);
    await tokenSignIn(page, ADMIN);
    await page.waitForURL(`${fx.server.url}/tokens`);
    await textOf(page.locator(".topbar-account summary"), / · beheerder$/);
    // The token is not kept, and the session cookie is httpOnly: nothing a script could take.
    expect(await readable(page)).toBe("{}{}");
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: "netwerkcirkel_session", httpOnly: true, sameSite: "Lax" });
    expect(cookie!.value).not.toContain(ADMIN);
    // The sign-in page sends a signed-in visitor on.
    await page.goto(`${fx.server.url}/?next=%2Foutbox`);
    await page.waitForURL(`${fx.server.url}/outbox`);

    await page.locator(".topbar-account summary").click();
    await page.getByRole("button", { name: "Afmelden", exact: true }).click();
    await page.waitForURL(`${fx.server.url}/?reason=signed-out`);
    await textOf(page.getByRole("status"), /Je bent afgemeld\./);
    expect(await page.context().cookies()).toEqual([]);
    await page.goto(`${fx.server.url}/calls`);
    await page.waitForURL(`${fx.server.url}/?next=%2Fcalls`);
    await page.context().close();
  });

  it("goes on only to a page of this site after signing in", async () => {
    for (const next of ["//evil.example/calls", "/\\evil.example/calls", "https://evil.example/"]) {
      const page = await newTab(fx.browser, fx.server.url);
      await page.goto(`${fx.server.url}/?next=${encodeURIComponent(next)}`);
      await tokenSignIn(page, ADMIN);
      await page.waitForURL(`${fx.server.url}/calls`);
      await page.context().close();
    }
  });

  it("switches the staff pages to English and back", async () => {
    const page = await newTab(fx.browser, fx.server.url);
    await signIn(page, fx.server.url, ADMIN);
    await page.getByLabel("Taal").selectOption("en");
    await page.getByRole("heading", { name: "Calls", level: 1 }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main navigation" }).textContent()).toBe("CallsCompositionTokensAccountsAccess logOutbox");
    await page.getByLabel("Language").selectOption("nl");
    await page.getByRole("heading", { name: "Oproepen", level: 1 }).waitFor();
    await page.context().close();
  });
});

describe("evaluator tokens", () => {
  it("creates tokens shown once, lists them by name, and a revoked token signs its holder out", { timeout: 60_000 }, async () => {
    const admin = await newTab(fx.browser, fx.server.url);
    await signIn(admin, fx.server.url, ADMIN);
    await admin.getByRole("link", { name: "Tokens" }).click();
    await admin.getByRole("heading", { name: "Tokens", level: 1 }).waitFor();
    const made: Record<string, string> = {};
    const form = admin.getByRole("form", { name: "Nieuwe token" });
    for (const name of ["Zoë Peeters", "An Janssens"]) {
      await form.getByLabel("Naam", { exact: true }).fill(name);
      await form.getByRole("button", { name: "Token aanmaken" }).click();
      const once = admin.locator(".one-time", { hasText: `Token voor ${name}` });
      await once.waitFor();
      made[name] = await once.getByLabel(`Token van ${name}`).inputValue();
      expect(made[name]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    await textOf(admin.locator(".staff-tokens tbody"), /An Janssens.*Zoë Peeters/);
    await expectLikeReference(admin, "admin-tokens", { mask: [admin.locator("input.secret")] });
    // The server lists names, never the tokens.
    expect(JSON.stringify((await fx.server.api("GET", "/api/tokens")).body)).not.toContain(made["An Janssens"]);

    // An evaluator reads the call and enters paper circles, but sees no controls that change it.
    const evaluator = await newTab(fx.browser, fx.server.url);
    await signIn(evaluator, fx.server.url, made["An Janssens"]!);
    expect(await evaluator.getByRole("navigation", { name: "Hoofdnavigatie" }).textContent()).toBe("OproepenSamenstelling");
    expect(await evaluator.getByRole("heading", { name: "Nieuwe oproep" }).count()).toBe(0);
    await evaluator.getByRole("link", { name: "Golven en papieren cirkels" }).click();
    await evaluator.getByRole("heading", { name: "Test call", level: 1 }).waitFor();
    await evaluator.locator("summary", { hasText: "Perceel 1 · Lot A" }).first().click();
    expect(await evaluator.getByRole("link", { name: "Papieren cirkel van Beta Fund" }).getAttribute("href")).toBe("/paper/t-call-w1/beta");
    expect(await evaluator.getByRole("button", { name: /wijzigen$/ }).count()).toBe(0);
    expect(await evaluator.locator("#invitations").count()).toBe(0);
    expect(await evaluator.getByRole("button", { name: "Golf sluiten" }).count()).toBe(0);

    // The admin revokes An's token; An's next step lands on the sign-in page with the reason.
    await admin.getByRole("button", { name: "Token van An Janssens intrekken" }).click();
    await openDialog(admin).getByRole("button", { name: "Intrekken" }).click();
    await textOf(admin.getByRole("row", { name: /An Janssens/ }), /ingetrokken op/);
    await evaluator.reload();
    await evaluator.waitForURL(/\/\?reason=expired&next=%2Fcalls%2Ft-call%2Fadmin$/);
    await textOf(evaluator.getByRole("alert"), /Je sessie is beëindigd/);
    expect((await fx.server.api("GET", "/api/session", { token: made["An Janssens"]! })).status).toBe(401);
    expect((await fx.server.api("GET", "/api/session", { token: made["Zoë Peeters"]! })).status).toBe(200);
    await evaluator.context().close();
    await admin.context().close();
  });
});
