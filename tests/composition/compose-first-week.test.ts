import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signInStaff } from "../helpers/browser.ts";
import { smallCall } from "../helpers/call-document.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * What the first users of /compose ran into: a history of every wave of every call
 * (a test call's too), no word about a lot of two, lot names cut off in their
 * inputs, and the previous proposal's notice staying after "+ Voorstel".
 */
let s: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  s = await startTestServer({ demo: true });
  // A test call from before the demo call, nobody answered: it must not count as history by default.
  const test = smallCall({ id: "old-test", opens: "2020-02-01", closes: "2020-02-28" });
  test.call = { ...test.call, name: "Testoproep", start: "2020-01-01", end: "2020-12-31" };
  expect((await s.api("POST", "/api/calls/import", { body: test })).status).toBe(201);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signInStaff(page.context(), s.url, ADMIN);
  await page.addInitScript(() => localStorage.setItem("netwerkcirkel.language", "nl"));
  await page.goto(`${s.url}/compose`);
  await page.waitForSelector("main[data-check=fresh]", { timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe("/compose in its first week", () => {
  it("checks against the answered waves of the latest call by default, not a test call's", async () => {
    await page.locator(".history-picker summary").click();
    // <details> announces its opening in a task of its own: wait for the boxes it makes.
    await page.locator(".history-picker input[type=checkbox]").first().waitFor();
    const boxes = await page.locator(".history-picker input[type=checkbox]").evaluateAll((els) =>
      els.map((e) => [(e as HTMLInputElement).value, (e as HTMLInputElement).checked]),
    );
    expect(boxes).toEqual(expect.arrayContaining([["w-2024-02", true]]));
    // The test call's wave, which nobody answered, is not offered at all: it would add nothing.
    expect(boxes.map(([wave]) => wave)).not.toContain("old-test-w1");
    await page.locator(".history-picker summary").click();
  });

  it("warns about a lot of two members", async () => {
    const warning = page.locator("[data-warning=small_lot]");
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toContain("slechts 2 leden");
  });

  it("shows lot names whole in their inputs", async () => {
    const fields = await page.locator("textarea.lot-name").evaluateAll((els) =>
      els.map((e) => ({ value: (e as HTMLTextAreaElement).value, cut: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1, height: e.clientHeight })),
    );
    expect(fields).toHaveLength(5);
    for (const f of fields) expect(f.cut, f.value).toBe(false);
    // The longest name takes several lines rather than being cut.
    const longest = fields.find((f) => f.value.startsWith("Voeding"))!;
    expect(longest.height).toBeGreaterThan(fields.find((f) => f.value.startsWith("Overige"))!.height);
    await expectLikeReference(page, "compose-lot-names");
  });

  it("drops the previous proposal's notice when another proposal is shown", async () => {
    await page.getByRole("button", { name: "Bewaren", exact: true }).click();
    const status = page.locator(".save-status");
    await page.waitForSelector(".save-status:not(:empty)");
    expect(await status.textContent()).toContain("Bewaard");
    await page.getByRole("button", { name: "+ Voorstel" }).click();
    expect(await status.textContent()).toBe("");
    await page.waitForSelector("main[data-check=fresh]");
    expect(await page.locator("[data-warning=small_lot]").count()).toBe(1);
  });
});
