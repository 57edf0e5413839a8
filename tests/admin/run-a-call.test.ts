import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { smallCall } from "../helpers/call-document.ts";
import { ADMIN } from "../helpers/server.ts";
import { serverAndBrowser } from "../helpers/fixtures.ts";
import { downloadText, newTab, openDialog, signIn, textOf } from "./admin-pages.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";

/** A year after smallCall's first wave: that wave has closed by its dates; the second is added for now. */
const NOW = new Date("2027-03-10T10:00:00Z");
const WAVE_2 = "t-call-w2";

const fx = serverAndBrowser({ now: NOW });

const partnerBox = (page: Page, partner: string, form: string) => page.locator(`#partner-${partner} .form-line[data-form="${form}"] input[type=checkbox]`);
const partnerScore = (page: Page, partner: string, form: string, score: number) =>
  page.locator(`#partner-${partner} .form-line[data-form="${form}"] input[type=radio][value="${score}"]`);

/** Fill in and submit a circle on the circle page (the consultant's, or a paper circle in staff mode). */
async function fillAndSubmit(page: Page, partner: string, form: string, score: number): Promise<void> {
  await partnerBox(page, partner, form).check();
  await partnerScore(page, partner, form, score).check();
  await page.locator("#submit-button").click();
  await page.locator("#confirm-submit").click();
  await expect.poll(() => page.locator("#submit-note").getAttribute("data-state"), { timeout: 10_000 }).toBe("submitted");
}

describe("running a call through the pages", () => {
  it("creates a call by upload, adds a wave, invites, takes a circle by link and one on paper, closes the wave and exports both", { timeout: 180_000 }, async () => {
    const page = await newTab(fx.browser, fx.server.url);
    await signIn(page, fx.server.url, ADMIN);

    // An upload with problems lists each with its path, and nothing is written.
    const broken: any = smallCall();
    broken.lots[0].members[1].role = "coordinator";
    broken.lots[1].members[0].organisation = "nobody";
    const file = page.getByLabel("Oproepdocument", { exact: true });
    await file.setInputFiles({ name: "call.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    const preview = page.getByRole("group", { name: "Een oproepdocument opladen" });
    await textOf(preview.locator(".notice-error"), /2 problemen gevonden; er werd niets weggeschreven/);
    expect(await preview.locator(".problems li").allTextContents()).toEqual([
      "lots[0].members[1].role a lot has at most one coordinator",
      'lots[1].members[0].organisation unknown organisation "nobody"',
    ]);
    expect(await page.getByRole("button", { name: "Importeren" }).isDisabled()).toBe(true);
    await expectLikeReference(page, "admin-calls");
    expect((await fx.server.api("GET", "/api/calls")).body.calls).toEqual([]);

    // The valid document: previewed, then imported.
    await file.setInputFiles({ name: "call.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(smallCall())) });
    await textOf(preview.locator(".notice-ok"), /7 organisaties, 2 percelen, 1 golven, 0 cirkels/);
    await page.getByRole("button", { name: "Importeren" }).click();
    await page.waitForURL(`${fx.server.url}/calls/t-call/admin`);
    await page.getByRole("heading", { name: "Test call", level: 1 }).waitFor();

    // A second wave of the same lots, open now.
    await page.getByRole("button", { name: "Golf toevoegen" }).click();
    const addWave = openDialog(page);
    await addWave.getByLabel("Naam").fill("Wave 2");
    expect(await addWave.getByLabel("Id").inputValue()).toBe(WAVE_2);
    await addWave.getByLabel("Opent op").fill("2027-03-01");
    await addWave.getByLabel("Sluit op").fill("2027-04-30");
    await addWave.getByRole("button", { name: "Golf toevoegen" }).click();
    const wave2 = page.locator(".wave-card", { has: page.getByRole("heading", { name: /Wave 2/ }) });
    await textOf(wave2.locator("h3"), /Wave 2 open/);
    await textOf(wave2, /0 van 5 cirkels ingediend/);

    // Invitations for the new wave, with a consultant's e-mail for the mail merge.
    const invitations = page.locator("#invitations");
    await invitations.getByLabel("Golf").selectOption(WAVE_2);
    await invitations.locator('[aria-busy="true"]').waitFor({ state: "detached" });
    await invitations.getByLabel("E-mail van de consulent van Beta Fund").fill("consulent@beta.example");
    await invitations.getByRole("button", { name: "Links aanmaken voor 5 organisaties zonder link" }).click();
    const once = invitations.locator(".one-time");
    await textOf(once.locator("h3"), /5 nieuwe links voor Wave 2/);
    const betaLink = await once.getByLabel("Link van Beta Fund").inputValue();
    expect(betaLink).toMatch(new RegExp(`^${fx.server.url}/c/[A-Za-z0-9_-]{43}$`));
    await once.getByRole("row", { name: /Beta Fund/ }).getByRole("button", { name: "Kopiëren" }).click();
    await textOf(once.getByRole("row", { name: /Beta Fund/ }).getByRole("status"), /Gekopieerd/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(betaLink);
    const csv = await downloadText(page, () => once.getByRole("button", { name: "CSV downloaden" }).click());
    expect(csv.name).toBe(`invitations-${WAVE_2}.csv`);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe('"organisation","lot","email","link"');
    expect(lines).toContain(`"Beta Fund","Perceel 1 · Lot A","consulent@beta.example","${betaLink}"`);
    expect(lines).toHaveLength(6);
    await once.scrollIntoViewIfNeeded();
    await expectLikeReference(page, "admin-invitations", { mask: [page.locator("input.secret")] });
    // The server kept the e-mail, never the link.
    const listed = (await fx.server.api("GET", `/api/waves/${WAVE_2}/invitations`)).body.invitations;
    expect(listed.find((i: any) => i.organisation === "beta").email).toBe("consulent@beta.example");
    expect(JSON.stringify(listed)).not.toContain(betaLink.slice(-43));

    // Beta's consultant fills in the circle through the link, in a browser of their own.
    const consultant = await newTab(fx.browser, fx.server.url);
    await consultant.goto(betaLink);
    await fillAndSubmit(consultant, "alpha", "information", 3);
    await consultant.context().close();

    // Gamma's circle came on paper: entered from the wave's progress, on the circle page in staff mode.
    await page.reload();
    await textOf(wave2, /1 van 5 cirkels ingediend/);
    await wave2.locator("summary", { hasText: "Perceel 1 · Lot A" }).click();
    await wave2.getByRole("link", { name: "Papieren cirkel van Gamma Fund" }).click();
    await page.waitForURL(`${fx.server.url}/paper/${WAVE_2}/gamma`);
    await fillAndSubmit(page, "alpha", "support", 2);

    // Back on the call: close the wave; the confirmation names who has not submitted.
    await page.goto(`${fx.server.url}/calls/t-call/admin`);
    await textOf(wave2, /2 van 5 cirkels ingediend · 0 concept · 3 niet begonnen/);
    await wave2.locator("summary", { hasText: "Perceel 1 · Lot A" }).click();
    await textOf(wave2.getByRole("row", { name: /Gamma Fund/ }), /ingediend.*ADMIN_TOKEN \(beheerder, papier\)/);
    await textOf(wave2.getByRole("row", { name: /Beta Fund/ }), /ingediend.*de consulent/);
    await wave2.getByRole("button", { name: "Golf sluiten" }).click();
    const confirm = openDialog(page);
    await textOf(confirm, /Nog niet ingediend \(3\):/);
    expect(await confirm.locator(".waiting li").allTextContents()).toEqual([
      "Perceel 1 · Lot A: Alpha Fund (niet begonnen)",
      "Perceel 2 · Lot B: Epsilon Fund (niet begonnen), Zeta Fund (niet begonnen)",
    ]);
    await expectLikeReference(page, "admin-close-wave");
    await confirm.getByRole("button", { name: "Golf sluiten" }).click();
    await textOf(wave2.locator("h3"), /Wave 2 gesloten/);
    await textOf(wave2, /handmatig gesloten/);
    expect((await fx.server.api("GET", `/api/waves/${WAVE_2}/progress`)).body.wave.state).toBe("closed");

    // Both circles are in the call document downloaded from the page.
    const exported = await downloadText(page, () => page.getByRole("button", { name: "Oproepdocument downloaden" }).click());
    expect(exported.name).toBe("t-call.json");
    const doc = JSON.parse(exported.text);
    expect(doc.waves.map((w: any) => w.id)).toEqual(["t-call-w1", WAVE_2]);
    expect(doc.circles.map((c: any) => [c.wave, c.respondent, c.ties, c.submittedAt])).toEqual([
      [WAVE_2, "beta", [{ partner: "alpha", forms: { information: 3 } }], NOW.toISOString()],
      [WAVE_2, "gamma", [{ partner: "alpha", forms: { support: 2 } }], NOW.toISOString()],
    ]);
    // The paper circle says who typed it in; the consultant's does not.
    expect((await fx.server.api("GET", `/api/waves/${WAVE_2}/circles/gamma`)).body.current.enteredBy).toBe("admin:ADMIN_TOKEN");
    expect((await fx.server.api("GET", `/api/waves/${WAVE_2}/circles/beta`)).body.current.enteredBy).toBeUndefined();

    await page.evaluate(() => window.scrollTo(0, 0));
    await expectLikeReference(page, "admin-call");
    await page.context().close();
  });

  it("creates an empty call from the form, after refusing dates in the wrong order", { timeout: 60_000 }, async () => {
    const page = await newTab(fx.browser, fx.server.url);
    await signIn(page, fx.server.url, ADMIN);
    const form = page.getByRole("form", { name: "Leeg beginnen met een formulier" });
    await form.getByLabel("Naam").fill("Opleidingscheques 2028");
    expect(await form.getByLabel("Id", { exact: true }).inputValue()).toBe("opleidingscheques-2028");
    await form.getByLabel("Begint op").fill("2028-12-31");
    await form.getByLabel("Eindigt op").fill("2028-01-01");
    await form.getByRole("button", { name: "Oproep aanmaken" }).click();
    await textOf(form.locator(".notice-error"), /call\.end must not be before call\.start/);
    expect((await fx.server.api("GET", "/api/calls/opleidingscheques-2028")).status).toBe(404);

    await form.getByLabel("Begint op").fill("2028-01-01");
    await form.getByLabel("Eindigt op").fill("2028-12-31");
    await form.getByRole("button", { name: "Oproep aanmaken" }).click();
    await page.waitForURL(`${fx.server.url}/calls/opleidingscheques-2028/admin`);
    await page.getByRole("heading", { name: "Opleidingscheques 2028", level: 1 }).waitFor();
    await textOf(page.locator("#waves"), /Deze oproep heeft nog geen golven/);
    expect((await fx.server.api("GET", "/api/calls/opleidingscheques-2028")).body.call).toEqual({
      id: "opleidingscheques-2028", name: "Opleidingscheques 2028", start: "2028-01-01", end: "2028-12-31",
    });
    await page.context().close();
  });
});
