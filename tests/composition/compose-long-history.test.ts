import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessibleIn, STAFF_LANGUAGES } from "../helpers/axe.ts";
import { launchBrowser, signInStaff } from "../helpers/browser.ts";
import { fillLongHistory, longHistoryOrganisation } from "../helpers/long-history.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { POOL_PAGE } from "../../viz/compose/organisation-pool.ts";

/**
 * /compose over a long history, 50 calls and 5,000 organisations: the page once
 * fetched every organisation of every call (4.4 MB for 32,000) and the tab gave up.
 * Now what it loads is bounded by page sizes, whatever the history holds.
 */
const CALLS = 50;
const ORGANISATIONS = 5000;
/** Everything the first load of the page may fetch from the API, far below the 4.4 MB of before. */
const FIRST_LOAD_API_BYTES = 200_000;

let s: TestServer;
let browser: Browser;

const ready = async (page: Page) => {
  await page.waitForSelector("main[data-check=fresh]", { timeout: 30_000 });
  await page.waitForSelector("main[data-pool=ready]", { timeout: 30_000 });
};
const poolChips = (page: Page) => page.$$eval(".pool .chip[data-org]", (els) => els.map((e) => (e as HTMLElement).dataset.org!));

/** Organisations by name as the server sorts them (names are plain ASCII, so NOCASE is lower case). */
const byName = [...Array(ORGANISATIONS).keys()]
  .map(longHistoryOrganisation)
  .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));

beforeAll(async () => {
  s = await startTestServer();
  fillLongHistory(s.store, CALLS, ORGANISATIONS, new Date());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe("/compose with a long history", () => {
  it("answers a page of organisations at a time, and finds one far down the list", async () => {
    const first = await s.api("GET", "/api/composition/organisations");
    expect(first.body.total).toBe(ORGANISATIONS);
    expect(first.body.organisations.map((o: { id: string }) => o.id)).toEqual(byName.slice(0, 50).map((o) => o.id));
    const far = byName[4321]!;
    const found = await s.api("GET", `/api/composition/organisations?q=${encodeURIComponent(far.name)}`);
    expect(found.body.organisations.map((o: { id: string }) => o.id)).toEqual([far.id]);
    // The start is the latest call alone: its lots and its own organisations.
    const start = await s.api("GET", "/api/composition/latest-call");
    expect(start.body.latestCall.id).toBe(`call-${1975 + CALLS - 1}`);
    expect(start.body.organisations).toHaveLength(ORGANISATIONS / CALLS + 10);
  });

  it("loads a bounded amount, lists calls rather than organisations, pages the pool and searches it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInStaff(page.context(), s.url, ADMIN);
    await page.addInitScript(() => {
      // Dutch to start with; the accessibility check below chooses each language in turn.
      if (!localStorage.getItem("netwerkcirkel.language")) localStorage.setItem("netwerkcirkel.language", "nl");
    });
    const apiBytes = new Map<string, number>();
    page.on("response", async (r) => {
      if (!new URL(r.url()).pathname.startsWith("/api/")) return;
      const body = await r.body().catch(() => Buffer.alloc(0));
      apiBytes.set(r.url(), (apiBytes.get(r.url()) ?? 0) + body.length);
    });
    await page.goto(`${s.url}/compose`);
    await ready(page);
    const total = [...apiBytes.values()].reduce((a, b) => a + b, 0);
    expect(total, JSON.stringify([...apiBytes])).toBeLessThan(FIRST_LOAD_API_BYTES);
    expect([...apiBytes.keys()].some((u) => u.endsWith("/api/composition/organisations"))).toBe(false);

    // The board holds the latest call's lots; the pool one page of the rest.
    expect(await page.locator(".lot[data-zone='0'] .chip").count()).toBe(11);
    const firstPage = await poolChips(page);
    expect(firstPage.length).toBeGreaterThan(0);
    expect(firstPage.length).toBeLessThanOrEqual(POOL_PAGE);
    // The history picker lists calls and their answered waves, made when it is opened.
    expect(await page.locator(".history-picker input").count()).toBe(0);
    await page.locator(".history-picker summary").click();
    // <details> announces its opening in a task of its own: wait for the lists it makes.
    await page.locator(".history-picker fieldset").nth(CALLS - 1).waitFor();
    expect(await page.locator(".history-picker fieldset").count()).toBe(CALLS);
    expect(await page.locator(".history-picker input:checked").count()).toBe(1);
    await page.locator(".history-picker summary").click();
    await expectLikeReference(page, "compose-long-history");

    // "More" brings the next page below the first.
    await page.locator(".pool .more").click();
    await page.waitForFunction((n) => document.querySelectorAll(".pool .chip[data-org]").length > n, firstPage.length);
    const twoPages = await poolChips(page);
    expect(twoPages.slice(0, firstPage.length)).toEqual(firstPage);
    expect(twoPages.length).toBeLessThanOrEqual(2 * POOL_PAGE);

    // An organisation far beyond the pages loaded is found by searching, and placed.
    const far = byName[4321]!;
    expect(twoPages).not.toContain(far.id);
    await page.locator("#pool-search").fill(far.name.toLowerCase());
    await page.waitForSelector(`.pool .chip[data-org="${far.id}"]`);
    expect(await poolChips(page)).toEqual([far.id]);
    expect(await page.locator(".pool-found").textContent()).toBe("1 gevonden");
    await page.locator(`.pool .chip[data-org="${far.id}"]`).focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector("main[data-check=fresh]");
    expect(await page.locator(`.lot[data-zone='0'] .chip[data-org="${far.id}"]`).count()).toBe(1);
    expect(await page.locator(".lot[data-zone='0'] [data-figure=newcomers]").getAttribute("data-value")).toContain(far.id);

    // With the first call's wave in the history too, its 100 active organisations sit in no lot: the warning
    // names ten, by the names the page asks for (it had not met them), and counts the rest.
    await page.locator(".history-picker summary").click();
    await page.locator('.history-picker input[value="call-1975-w1"]').check();
    await page.waitForSelector("main[data-check=fresh]");
    const firstCall = [...Array(10).keys()].map((k) => longHistoryOrganisation(k).name);
    await page.waitForFunction((name) => document.querySelector("[data-warning=left_out]")?.textContent?.includes(name), firstCall[9]!);
    const leftOut = await page.locator("[data-warning=left_out]").textContent();
    for (const name of firstCall) expect(leftOut).toContain(name);
    expect(leftOut).toContain("en nog 90");
    expect(leftOut).not.toContain(longHistoryOrganisation(10).name);

    await expectAccessibleIn(page, "compose with a long history", STAFF_LANGUAGES, ready);
    await page.close();
  }, 180_000);
});
