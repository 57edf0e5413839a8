import { resolve } from "node:path";
import { simpleParser } from "mailparser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, newTab, openDialog, signIn, textOf } from "../admin/admin-pages.ts";
import { STAFF_LANGUAGES, expectAccessibleIn } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { smallCall } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";

const WAVE = "t-call-w1";
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // No SMTP server: the embedded default, where every message stays in the outbox.
  server = await startTestServer({ now: new Date("2026-06-15T12:00:00Z") });
  expect((await server.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
  await server.api("POST", `/api/waves/${WAVE}/invitations`);
  const emails = ["alpha", "beta", "gamma", "epsilon"].map((o) => ({ organisation: o, email: `${o}@example.org` }));
  expect((await server.api("PUT", `/api/waves/${WAVE}/invitations/emails`, { body: { emails } })).status).toBe(200);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("mail on the admin pages", () => {
  it("walks the admin from previewing and sending the invitations to the progress view and the outbox", { timeout: 180_000 }, async () => {
    const page = await newTab(browser, server.url);
    await signIn(page, server.url, ADMIN);
    await page.goto(`${server.url}/calls/t-call/admin#mail`);
    const mail = page.locator("#mail");
    // Said plainly: nothing leaves the machine.
    await textOf(mail.locator(".mail-mode"), /Niets verlaat deze machine\./);

    // Beta's messages in French; the preview shows the French invitation.
    await mail.locator("details", { hasText: "Taal van de berichten per organisatie" }).locator("summary").click();
    await mail.getByLabel("Taal van de berichten aan Beta Fund").selectOption("fr");
    await textOf(mail.locator(".section-notice"), /Berichten aan Beta Fund komen voortaan in die taal/);
    await mail.getByLabel("Taal", { exact: true }).selectOption("fr");
    await mail.getByLabel("Voorbeeld voor").selectOption("beta");
    await mail.getByRole("button", { name: "Voorbeeld", exact: true }).click();
    await textOf(mail.locator(".mail-preview"), /Votre cercle de réseau pour Test call : Wave 1[\s\S]*Chère collègue, cher collègue de Beta Fund/);

    // A wording with an unknown placeholder is refused with its path.
    await mail.getByLabel("Tekst", { exact: true }).fill("Hallo {{naam}}, {{link}}");
    await mail.getByRole("button", { name: "Tekst bewaren" }).click();
    await textOf(mail.locator(".mail-preview .notice-error"), /body\.body.*unknown placeholder \{\{naam\}\}/);
    await mail.getByLabel("Taal", { exact: true }).selectOption("nl");
    await page.screenshot({ path: resolve(SCREENSHOTS, "mail-panel.png"), fullPage: true });

    // Send: four with an e-mail go to the outbox, zeta has none.
    await mail.getByRole("button", { name: "Uitnodigingen per e-mail versturen" }).click();
    await openDialog(page).getByRole("button", { name: "Uitnodigingen per e-mail versturen" }).click();
    await textOf(mail.locator(".section-notice"), /4 uitnodigingen staan in het postvak uit\. Niet verstuurd: Zeta Fund \(geen e-mailadres\)/);

    // The progress view: per lot the invited count, per organisation its state.
    const wave = page.locator(".wave-card", { has: page.getByRole("heading", { name: /Wave 1/ }) });
    const lotA = wave.locator("details.lot-progress").first();
    await textOf(lotA.locator("summary"), /3 uitgenodigd/);
    await lotA.locator("summary").click();
    await textOf(lotA.locator("tr", { hasText: "Beta Fund" }), /in het postvak uit/);
    await page.locator("#waves").screenshot({ path: resolve(SCREENSHOTS, "mail-progress.png") });

    // The outbox: every message as written, each downloadable as .eml with a working link.
    await page.getByRole("link", { name: "Postvak uit", exact: true }).click();
    await page.waitForURL(`${server.url}/outbox`);
    await page.getByRole("heading", { name: "Postvak uit", level: 1 }).waitFor();
    await textOf(page.locator("main"), /4 berichten/);
    await textOf(page.locator(".mail-mode"), /Niets verlaat deze machine\./);
    const beta = page.locator(".outbox-message", { hasText: "beta@example.org" });
    await textOf(beta.locator("h2"), /^Votre cercle de réseau pour Test call : Wave 1$/);
    const [download] = await Promise.all([page.waitForEvent("download"), beta.getByRole("button", { name: /\.eml/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^message-\d+\.eml$/);
    const eml = await simpleParser(await download.createReadStream());
    expect(eml.subject).toBe("Votre cercle de réseau pour Test call : Wave 1");
    const token = /\/c\/([A-Za-z0-9_-]{43})/.exec(eml.text ?? "")![1]!;
    const context = await server.api("GET", "/api/my/circle/context", { token });
    expect(context.body.organisation.id).toBe("beta");
    await page.screenshot({ path: resolve(SCREENSHOTS, "outbox.png"), fullPage: true });

    await expectAccessibleIn(page, "the outbox", STAFF_LANGUAGES, (p) => p.locator(".outbox-message").first().waitFor());
    await page.goto(`${server.url}/calls/t-call/admin`);
    await expectAccessibleIn(page, "the call admin page with mail", STAFF_LANGUAGES, async (p) => {
      await p.locator("#mail .mail-mode").waitFor();
      await p.locator("#mail textarea").waitFor();
      await p.locator(".wave-card .lot-progress").first().waitFor();
    });
  });
});
