import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { smallCall } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { newTab, signIn } from "../admin/admin-pages.ts";

/** A call started from a composition skeleton has lots but no wave yet. */
describe("a call without waves", () => {
  let s: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    s = await startTestServer();
    const doc = smallCall({ id: "no-waves" });
    doc.waves = [];
    expect((await s.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await s.stop();
  });

  it("has an overview that says so, instead of a 404", async () => {
    const res = await s.api("GET", "/api/calls/no-waves/overview");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ call: { id: "no-waves" }, wave: null, waves: [], lots: [] });
    // Figures still need a wave: asking for them is a 404 naming what is missing.
    const metrics = await s.api("GET", "/api/lots/no-waves-lot-a/metrics");
    expect(metrics.status).toBe(404);
    expect(metrics.body.error.message).toMatch(/a wave in call "no-waves"/);
  });

  it("shows the call and a way to add a wave on the overview page", async () => {
    const page = await newTab(browser, s.url);
    await signIn(page, s.url, ADMIN);
    await page.goto(`${s.url}/calls/no-waves`);
    const notice = page.locator("#no-waves");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/nog geen bevraging/);
    expect(await page.locator("h1").textContent()).toBe("Test call");
    expect(await page.getByRole("link", { name: "Oproepbeheer" }).getAttribute("href")).toBe("/calls/no-waves/admin");
    await page.context().close();
  });
});
