import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { RESPONDENT_LANGUAGES, expectAccessibleIn } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { SCREENSHOTS } from "../helpers/screenshots.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { loaded, openPage, waitForStatus } from "../circle/circle-page.ts";

const WAVE = "t-call-w1";
let server: TestServer;
let browser: Browser;
let links: Map<string, string>;

beforeAll(async () => {
  server = await startTestServer({ now: DURING_WAVE });
  const doc = smallCall();
  doc.waves[0]!.asks = { nextPartners: true };
  expect((await server.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
  const res = await server.api("POST", `/api/waves/${WAVE}/invitations`);
  links = new Map(res.body.invitations.map((i: any) => [i.organisation, i.link]));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const chosen = (page: Page, list: "with" | "without") =>
  page.$$eval(`#next-${list}-chosen .next-item`, (items) => items.map((i) => i.getAttribute("data-organisation")));

/** Type into a list's search field and pick the highlighted organisation with Enter. */
async function pick(page: Page, list: "with" | "without", query: string): Promise<void> {
  await page.locator(`#next-${list}-input`).focus();
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
}

describe("the next-partners step of the circle page", () => {
  it("asks with whom next time and rather not, by keyboard, autosaves it with the draft and keeps it", async () => {
    const page = await openPage(browser, links.get("beta")!);
    await expect.poll(() => page.locator("#next-heading").textContent()).toBe("Volgende oproep: met wie?");
    // Any organisation of the call: from beta's own lot and from outside it.
    await pick(page, "with", "zeta");
    await pick(page, "with", "AF");
    await pick(page, "without", "Gam");
    expect(await chosen(page, "with")).toEqual(["zeta", "alpha"]);
    expect(await chosen(page, "without")).toEqual(["gamma"]);
    // A chosen organisation is no longer offered in either list.
    await page.locator("#next-without-input").fill("alpha");
    expect(await page.locator("#next-without-list [role=option]").count()).toBe(0);
    await page.keyboard.press("Escape");
    // Taken off again with its button, reached by keyboard.
    await page.locator('#next-with-chosen [data-organisation="zeta"] button').focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#announcer").textContent()).toBe("Zeta Fund is van de lijst gehaald.");
    await waitForStatus(page, "saved");
    const stored = await server.api("GET", `/api/waves/${WAVE}/circles/beta`);
    expect(stored.body.current.nextPartners).toEqual({ with: ["alpha"], without: ["gamma"] });

    await page.reload();
    await loaded(page);
    expect(await chosen(page, "with")).toEqual(["alpha"]);
    expect(await chosen(page, "without")).toEqual(["gamma"]);
    await page.screenshot({ path: resolve(SCREENSHOTS, "circle-next-partners.png"), fullPage: true });
    await expectAccessibleIn(page, "circle page with the next-partners step", RESPONDENT_LANGUAGES, loaded);

    // In the four languages.
    const headings: Record<string, string> = {
      en: "Next call: with whom?",
      fr: "Prochain appel : avec qui ?",
      de: "Nächster Aufruf: mit wem?",
    };
    for (const [lang, heading] of Object.entries(headings)) {
      await page.locator("#language").selectOption(lang);
      await expect.poll(() => page.locator("#next-heading").textContent()).toBe(heading);
    }
    expect(await page.locator('label[for="next-without-input"]').textContent()).toBe("Lieber nicht mit");
    await page.context().close();
    // axe-core in four languages on a busy machine: time, never a timed assertion.
  }, 120_000);

  it("is not asked when the wave does not ask it", async () => {
    const doc = smallCall({ id: "quiet" });
    expect((await server.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const res = await server.api("POST", "/api/waves/quiet-w1/invitations");
    const page = await openPage(browser, res.body.invitations[0].link);
    expect(await page.locator("#next-partners").isHidden()).toBe(true);
    await page.context().close();
  });
});
