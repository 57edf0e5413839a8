import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, expectAccessibleIn, STAFF_LANGUAGES } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { SCREENSHOTS } from "../helpers/screenshots.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";

const membersOf = (page: Page, lot: number) =>
  page.$$eval(`.lot[data-zone="${lot}"] .chip[data-org]`, (els) => els.map((e) => (e as HTMLElement).dataset.org));
const ready = (page: Page) => page.waitForSelector("main[data-check=fresh]", { timeout: 15_000 });

describe("the Suggest panel of /compose", () => {
  let s: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    s = await startTestServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it("asks for suggestions with plain-language weights and opens one as a proposal beside the hand-made one", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript((token) => sessionStorage.setItem("netwerkcirkel.staffToken", token), ADMIN);
    await page.goto(`${s.url}/compose`);
    await page.evaluate(() => localStorage.setItem("netwerkcirkel.language", "nl"));
    await page.reload();
    await ready(page);
    expect(await page.locator("#suggest-heading").textContent()).toBe("Samenstellingen voorstellen");
    expect(await page.locator('label[for="weight-sectorMix"]').textContent()).toBe("Sectoren");
    await expectAccessibleIn(page, "compose with the Suggest panel", STAFF_LANGUAGES, ready);

    // Mixed sectors weigh in; one suggestion, two seconds at most.
    await page.locator("#weight-sectorMix").fill("1");
    await page.locator('input[name="count"]').fill("1");
    await page.locator('input[name="timeLimitSeconds"]').fill("2");
    await page.locator(".suggest-form button[type=submit]").click();
    const card = page.locator(".suggestion").first();
    await card.waitFor({ timeout: 60_000 });
    expect(await page.locator(".suggest-state").textContent()).toMatch(/^1 voorstel in /);
    expect(await card.locator("h3").textContent()).toBe("Suggestie 1");
    expect(await card.locator(".score strong").textContent()).toMatch(/^Score \d/);
    expect(await card.locator(".proof").textContent()).toMatch(/bewezen het beste|geen samenstelling scoort hoger dan/);
    // One line per lot on what holds it together.
    expect(await card.locator(".reasons li").count()).toBe(5);
    expect(await card.locator(".reasons li").first().textContent()).toMatch(/^Perceel 1: \d+ organisaties, \d+ eerdere banden, \d+ wensen om samen te werken/);
    await page.screenshot({ path: resolve(SCREENSHOTS, "compose-suggest.png"), fullPage: true });
    await expectAccessible(page, "compose with a suggestion");

    // Opened as a proposal: its own tab, its lots on the board, checked like any proposal.
    const lines = await card.locator(".reasons li").allTextContents();
    await card.locator("button").click();
    await ready(page);
    expect(await page.locator(`[role=tab][aria-selected="true"]`).textContent()).toBe("Suggestie 1");
    expect(await page.locator("[role=tab]").count()).toBe(2);
    const board = await Promise.all([0, 1, 2, 3, 4].map((i) => membersOf(page, i)));
    lines.forEach((line, i) => expect(line).toContain(`${board[i]!.length} organisaties`));
    expect(board.flat().length).toBeGreaterThan(10);
    await page.close();
  }, 180_000);
});
