import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTab } from "../admin/admin-pages.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { TOLERANCE, unlikeReference } from "../helpers/screenshots.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** The reference comparison itself: the sign-in page is like its committed reference, and a visible change is not. */
let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe("reference screenshots", () => {
  it("accept the page as it is and refuse it with its heading and button restyled", async () => {
    const reference = readFileSync(resolve(import.meta.dirname, "../screenshots/admin-sign-in.png"));
    const page = await newTab(browser, s.url);
    await page.goto(`${s.url}/`);
    await page.getByText("Aanmelden met een token", { exact: true }).click();
    await page.getByLabel("Token", { exact: true }).fill("not-a-token-of-this-service");
    await page.getByRole("button", { name: "Aanmelden met token" }).click();
    await page.getByRole("alert").waitFor();
    const options = { animations: "disabled", caret: "hide" } as const;
    expect(unlikeReference(await page.screenshot(options), reference).share).toBeLessThanOrEqual(TOLERANCE);
    // What a careless stylesheet change would do: a larger heading and a button in another colour.
    await page.addStyleTag({ content: "h1 { font-size: 3rem !important; } button { background: #b00020 !important; }" });
    expect(unlikeReference(await page.screenshot(options), reference).share).toBeGreaterThan(TOLERANCE);
    await page.context().close();
  });
});
