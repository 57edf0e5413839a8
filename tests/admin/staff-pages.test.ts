import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, expectAccessibleIn, STAFF_LANGUAGES } from "../helpers/axe.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { serverAndBrowser } from "../helpers/fixtures.ts";
import { ADMIN } from "../helpers/server.ts";
import { createAccount, linkFor } from "../helpers/sessions.ts";
import { downloadText, newTab, openDialog, signIn, textOf } from "./admin-pages.ts";

/**
 * The staff pages of accounts and sign-in in a real browser: a sign-in link by
 * e-mail from the outbox, the accounts page, the access log with its CSV, tokens
 * with their owners and the admin tokens.
 */
let eva: number;
const fx = serverAndBrowser({ now: DURING_WAVE }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
  eva = await createAccount(server, "eva.evers@example.org", "Eva Evers", "evaluator");
  await createAccount(server, "bram.boon@example.org", "Bram Boon", "admin");
});

/** The sign-in link of the latest message to `to`, read from the outbox as an admin downloads it. */
async function linkFromOutbox(to: string): Promise<string> {
  const { messages } = (await fx.server.api("GET", "/api/outbox")).body;
  const message = messages.find((m: { kind: string; to: string }) => m.kind === "sign-in" && m.to === to);
  expect(message, `a sign-in message to ${to}`).toBeDefined();
  const text = (await simpleParser((await fx.server.api("GET", `/api/outbox/${message.id}/eml`)).body as string)).text ?? "";
  const link = /https?:\/\/\S+\/sign-in\/link(\?next=[^#\s]+)?#[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  expect(link, text).toBeDefined();
  const url = new URL(link!);
  return url.pathname + url.search + url.hash;
}

/** Sign a fresh tab in as a person with a one-time link, as the e-mail's link does. */
async function linkSignIn(email: string): Promise<Page> {
  const page = await newTab(fx.browser, fx.server.url);
  await page.goto(`${fx.server.url}/sign-in/link#${linkFor(fx.server, email, DURING_WAVE)}`);
  await page.waitForURL(`${fx.server.url}/calls`);
  await page.getByRole("heading", { name: "Oproepen", level: 1 }).waitFor();
  return page;
}

describe("signing in by e-mail link", () => {
  it("asks for a link, which the outbox holds, and the link opens the call overview", { timeout: 60_000 }, async () => {
    const page = await newTab(fx.browser, fx.server.url);
    await page.goto(`${fx.server.url}/`);
    await page.getByLabel("E-mailadres").fill("Eva.Evers@example.org");
    await page.getByRole("button", { name: "Stuur me een aanmeldlink" }).click();
    const sent = page.getByRole("status");
    await textOf(sent, /Als er een actief account bestaat voor Eva\.Evers@example\.org, is er nu een aanmeldlink naar verstuurd\./);
    await textOf(sent, /15 minuten lang.*wacht in het postvak uit, waar een beheerder het leest/);
    await expectAccessible(page, "sign-in, link sent");
    await expectLikeReference(page, "staff-sign-in-link-sent");

    const link = await linkFromOutbox("eva.evers@example.org");
    await page.goto(fx.server.url + link);
    await page.waitForURL(`${fx.server.url}/calls`);
    // The code leaves no trace in the address; the session is the cookie's.
    expect(page.url()).not.toContain("#");
    await textOf(page.locator(".topbar-account summary"), /^Eva Evers · evaluator$/);
    await page.getByRole("link", { name: "Test call" }).click();
    await page.waitForURL(`${fx.server.url}/calls/t-call`);
    await page.getByRole("heading", { name: "Test call", level: 1 }).waitFor();

    // The same link a second time, in another browser: used, with the way to a new one.
    const again = await newTab(fx.browser, fx.server.url);
    await again.goto(fx.server.url + link);
    await textOf(again.getByRole("alert"), /Deze aanmeldlink is al gebruikt\..*Vraag een nieuwe aan\./);
    await again.getByRole("link", { name: "Een nieuwe link aanvragen" }).click();
    await again.waitForURL(`${fx.server.url}/`);
    await again.context().close();
    await page.context().close();
  });

  it("leads back to the page that asked for the sign-in, and to no other site", { timeout: 60_000 }, async () => {
    const page = await newTab(fx.browser, fx.server.url);
    await page.goto(`${fx.server.url}/calls/t-call/compare`);
    // Without a session the page sends the browser to sign in, naming itself as the way back.
    await page.waitForURL(/\/\?next=/);
    await page.getByLabel("E-mailadres").fill("eva.evers@example.org");
    await page.getByRole("button", { name: "Stuur me een aanmeldlink" }).click();
    await page.getByRole("status").waitFor();
    const link = await linkFromOutbox("eva.evers@example.org");
    expect(link).toMatch(/^\/sign-in\/link\?next=%2Fcalls%2Ft-call%2Fcompare#/);
    await page.goto(fx.server.url + link);
    await page.waitForURL(`${fx.server.url}/calls/t-call/compare`);
    await page.locator("main:not([aria-busy])").waitFor();
    await page.context().close();

    // The API takes only a path of this site as the way back.
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "calls"]) {
      const refused = await fx.server.api("POST", "/api/sign-in/email", { token: null, headers: { origin: fx.server.url }, body: { email: "eva.evers@example.org", next } });
      expect(refused.status, next).toBe(400);
      expect(refused.body.error.details[0].path, next).toBe("body.next");
    }
  });

  it("says why a link does not work: expired, unknown, or the account inactive", async () => {
    const page = await newTab(fx.browser, fx.server.url);
    const expired = linkFor(fx.server, "eva.evers@example.org", new Date(DURING_WAVE.getTime() - 16 * 60_000));
    await page.goto(`${fx.server.url}/sign-in/link#${expired}`);
    await textOf(page.getByRole("alert"), /Deze aanmeldlink is verlopen\./);
    await page.goto(`${fx.server.url}/sign-in/link#${"A".repeat(43)}`);
    await textOf(page.getByRole("alert"), /Deze aanmeldlink is onbekend\./);
    await expectLikeReference(page, "staff-sign-in-link-refused");

    const gone = await createAccount(fx.server, "gone@example.org", "Gina Gone", "evaluator");
    const link = linkFor(fx.server, "gone@example.org", DURING_WAVE);
    expect((await fx.server.api("PATCH", `/api/accounts/${gone}`, { body: { active: false } })).status).toBe(200);
    await page.goto(`${fx.server.url}/sign-in/link#${link}`);
    await textOf(page.getByRole("alert"), /Je account is niet actief\./);
    expect(await page.context().cookies()).toEqual([]);
    await page.context().close();
  });

  it("signs out everywhere: every session of the person ends", async () => {
    const first = await linkSignIn("bram.boon@example.org");
    const second = await linkSignIn("bram.boon@example.org");
    await second.locator(".topbar-account summary").click();
    await second.getByRole("button", { name: "Overal afmelden" }).click();
    await second.waitForURL(`${fx.server.url}/?reason=signed-out-everywhere`);
    await textOf(second.getByRole("status"), /Je bent afgemeld op elk toestel/);
    await first.reload();
    await first.waitForURL(/\/\?reason=expired&next=%2Fcalls$/);
    await textOf(first.getByRole("alert"), /Je sessie is beëindigd/);
    await first.context().close();
    await second.context().close();
  });
});

describe("the accounts page", () => {
  it("creates, changes, deactivates and signs people out; an admin's own access is the API's to refuse", { timeout: 90_000 }, async () => {
    const bram = await linkSignIn("bram.boon@example.org");
    const evaTab = await linkSignIn("eva.evers@example.org");
    await bram.getByRole("link", { name: "Accounts" }).click();
    await bram.getByRole("heading", { name: "Accounts", level: 1 }).waitFor();
    const row = (name: string) => bram.getByRole("row", { name: new RegExp(name) });
    const evaSessions: number = (await fx.server.api("GET", "/api/accounts")).body.accounts.find((a: any) => a.id === eva).sessions;
    expect(evaSessions).toBeGreaterThan(0);
    await textOf(row("Eva Evers"), new RegExp(`eva\\.evers@example\\.org\\s*evaluator\\s*actief\\s*${evaSessions}\\s*0`));

    const form = bram.getByRole("form", { name: "Nieuw account" });
    await form.getByLabel("Naam").fill("Lien Lamote");
    await form.getByLabel("E-mailadres").fill("Lien.Lamote@Example.org");
    await form.getByLabel("Rol").selectOption("admin");
    await form.getByRole("button", { name: "Account aanmaken" }).click();
    await textOf(bram.getByRole("status"), /Het account van Lien Lamote is aangemaakt/);
    await textOf(row("Lien Lamote"), /lien\.lamote@example\.org\s*beheerder\s*actief\s*0\s*0/);
    // A second account for the address is refused with the API's reason.
    await form.getByLabel("Naam").fill("Lien again");
    await form.getByLabel("E-mailadres").fill("lien.lamote@example.org");
    await form.getByRole("button", { name: "Account aanmaken" }).click();
    await textOf(bram.locator(".notice-error"), /er bestaat al een account met dit e-mailadres.*body\.email/);

    await bram.getByRole("button", { name: "Account van Lien Lamote wijzigen" }).click();
    const dialog = openDialog(bram);
    await dialog.getByLabel("Naam").fill("Lien Lamote-Peeters");
    await dialog.getByLabel("Rol").selectOption("evaluator");
    await dialog.getByRole("button", { name: "Bewaren" }).click();
    await textOf(row("Lien Lamote-Peeters"), /evaluator/);
    expect((await fx.server.api("GET", "/api/accounts")).body.accounts.find((a: any) => a.email === "lien.lamote@example.org")).toMatchObject({ name: "Lien Lamote-Peeters", role: "evaluator" });

    // Bram cannot take away his own access: the API refuses and the page says why.
    await bram.getByRole("button", { name: "Account van Bram Boon deactiveren" }).click();
    await openDialog(bram).getByRole("button", { name: "Deactiveren" }).click();
    await textOf(bram.locator(".notice-error"), /je eigen rol of toegang kun je niet wijzigen.*body\.active.*your own account/);

    // Ending Eva's sessions signs her out at her next step.
    await bram.getByRole("button", { name: "Sessies beëindigen van Eva Evers" }).click();
    await textOf(bram.getByRole("status"), new RegExp(`^${evaSessions} sessies? van Eva Evers (is|zijn) beëindigd\\.$`));
    await evaTab.reload();
    await evaTab.waitForURL(/\/\?reason=expired/);

    await bram.getByRole("button", { name: "Account van Eva Evers deactiveren" }).click();
    await openDialog(bram).getByRole("button", { name: "Deactiveren" }).click();
    await textOf(row("Eva Evers"), /inactief/);
    await bram.getByRole("button", { name: "Account van Eva Evers heractiveren" }).waitFor();
    await expectAccessible(bram, "accounts, after changes");
    await expectLikeReference(bram, "staff-accounts");
    await bram.getByRole("button", { name: "Account van Eva Evers heractiveren" }).click();
    await textOf(row("Eva Evers"), /evaluator\s*actief\s*0/);
    expect((await fx.server.api("GET", "/api/accounts")).body.accounts.find((a: any) => a.id === eva)).toMatchObject({ active: true });
    await evaTab.context().close();
    await bram.context().close();
  });
});

describe("the access log page", () => {
  it("filters by person and kind, counts what matches and downloads every match as CSV", { timeout: 60_000 }, async () => {
    // Eva reads a circle with a token of hers: the log names her.
    const made = await fx.server.api("POST", "/api/tokens", { body: { name: "Eva's script", account: eva } });
    expect((await fx.server.api("GET", "/api/waves/t-call-w1/circles/alpha", { token: made.body.token })).status).toBe(200);

    const page = await newTab(fx.browser, fx.server.url);
    await signIn(page, fx.server.url, ADMIN);
    await page.getByRole("link", { name: "Toegangslog" }).click();
    await page.getByRole("heading", { name: "Toegangslog", level: 1 }).waitFor();
    await page.getByLabel("Persoon of token").selectOption({ label: "Eva Evers <eva.evers@example.org>" });
    await page.getByRole("button", { name: "Tonen" }).click();
    const api = (q: string) => fx.server.api("GET", `/api/access-log?account=${eva}${q}`).then((r) => r.body);
    const all = await api("");
    await textOf(page.getByRole("status"), new RegExp(`^${all.total} vermeldingen komen overeen\\.$`));
    expect(all.total).toBeGreaterThan(1);

    await page.getByLabel("Soort").selectOption("circle");
    await page.getByRole("button", { name: "Tonen" }).click();
    await textOf(page.getByRole("status"), /^1 vermelding komt overeen\.$/);
    await textOf(page.locator(".access-log-table tbody"), /Eva Evers <eva\.evers@example\.org> · evaluator\s*token\s*cirkel gelezen\s*t-call/);
    expect(page.url()).toBe(`${fx.server.url}/access-log?account=${eva}&kind=circle`);

    await page.getByLabel("Soort").selectOption("");
    await page.getByRole("button", { name: "Tonen" }).click();
    await textOf(page.getByRole("status"), new RegExp(`^${all.total} vermeldingen`));
    const csv = await downloadText(page, () => page.getByRole("button", { name: "Alles als CSV downloaden" }).click());
    expect(csv.name).toMatch(/^access-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('"at","actor","accountId","tokenId","role","via","kind","callId","subject","address"');
    expect(lines).toHaveLength(all.total + 1);
    expect(lines.slice(1).every((l) => l.includes("Eva Evers <eva.evers@example.org>"))).toBe(true);
    expect(lines.some((l) => l.includes('"circle","t-call"'))).toBe(true);

    await page.getByLabel("Persoon of token").selectOption("");
    await page.getByLabel("Van (dag)").fill("2000-01-01");
    await page.getByLabel("Tot en met (dag)").fill("2000-01-02");
    await page.getByRole("button", { name: "Tonen" }).click();
    await textOf(page.getByRole("status"), /^0 vermeldingen komen overeen\.$/);
    await page.getByLabel("Van (dag)").fill("");
    await page.getByLabel("Tot en met (dag)").fill("");
    await page.getByRole("button", { name: "Tonen" }).click();
    await textOf(page.locator(".access-log-table tbody"), /cirkel gelezen/);
    await expectLikeReference(page, "staff-access-log");
    await expectAccessibleIn(page, "access log with entries", STAFF_LANGUAGES, (p) => p.locator(".access-log-table").waitFor());
    await page.context().close();
  });
});

describe("the tokens page", () => {
  it("makes a token for a person, names its owner, and keeps the last admin token", { timeout: 60_000 }, async () => {
    const page = await newTab(fx.browser, fx.server.url);
    await signIn(page, fx.server.url, ADMIN);
    await page.goto(`${fx.server.url}/tokens`);
    const form = page.getByRole("form", { name: "Nieuwe token" });
    await form.getByLabel("Naam").fill("Bram's export script");
    await form.getByLabel("Van").selectOption({ label: "Bram Boon (beheerder)" });
    await form.getByRole("button", { name: "Token aanmaken" }).click();
    await page.locator(".one-time", { hasText: "Token voor Bram's export script" }).waitFor();
    await textOf(page.getByRole("row", { name: /Bram's export script/ }), /Bram Boon\s*beheerder/);
    const listed = (await fx.server.api("GET", "/api/tokens")).body.tokens.find((tok: any) => tok.name === "Bram's export script");
    expect(listed.owner).toMatchObject({ name: "Bram Boon", email: "bram.boon@example.org" });

    const admin = page.getByRole("form", { name: "Nieuwe beheerderstoken" });
    await admin.getByLabel("Naam").fill("Back-up");
    await admin.getByRole("button", { name: "Token aanmaken" }).click();
    const once = page.locator(".one-time", { hasText: "Token voor Back-up" });
    const secret = await once.getByLabel("Token van Back-up").inputValue();
    expect((await fx.server.api("GET", "/api/admin-tokens", { token: secret })).status).toBe(200);
    await textOf(page.locator(".admin-tokens tbody"), /Back-up.*actief/);
    await expectLikeReference(page, "staff-tokens", { mask: [page.locator("input.secret")], fullPage: true });

    await page.locator(".admin-tokens").getByRole("button", { name: "Token van Back-up intrekken" }).click();
    await openDialog(page).getByRole("button", { name: "Intrekken" }).click();
    await textOf(page.getByRole("row", { name: /Back-up/ }), /ingetrokken op/);
    // The token this browser signed in with is the last admin token: the API keeps it, the page says why.
    await page.locator(".admin-tokens").getByRole("button", { name: /intrekken$/ }).click();
    await openDialog(page).getByRole("button", { name: "Intrekken" }).click();
    await textOf(page.locator(".notice-error"), /dit is de laatste werkende beheerderstoken/);
    expect((await fx.server.api("GET", "/api/session")).status).toBe(200);
    await page.context().close();
  });
});
