import { readFileSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { beforeAll, expect } from "vitest";
import { signInStaff } from "../helpers/browser.ts";
import { ADMIN, type TestServer } from "../helpers/server.ts";
import { serverAndBrowser } from "../helpers/fixtures.ts";

export { SCREENSHOTS } from "../helpers/screenshots.ts";

/** A fresh tab in a Dutch-speaking browser at laptop size, with the clipboard allowed for the copy buttons. */
export async function newTab(browser: Browser, origin: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  return context.newPage();
}

/** Sign the tab's browser in with a token (a session cookie, as the sign-in page opens) and land on the calls page. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await signInStaff(page.context(), url, token);
  await page.goto(`${url}/calls`);
  await page.getByRole("heading", { name: "Oproepen", level: 1 }).waitFor();
}

/**
 * A server and browser for a test file (`setup` runs on the server first), with one
 * tab signed in as admin on the calls page.
 */
export function serverAndAdminTab(
  options: Parameters<typeof serverAndBrowser>[0],
  setup?: (server: TestServer) => Promise<void>,
): { server: TestServer; browser: Browser; page: Page } {
  const fixture = serverAndBrowser(options, setup) as { server: TestServer; browser: Browser; page: Page };
  beforeAll(async () => {
    fixture.page = await newTab(fixture.browser, fixture.server.url);
    await signIn(fixture.page, fixture.server.url, ADMIN);
  });
  return fixture;
}

/** Open the administration page of smallCall ("Test call") and wait for its heading. */
export async function openCallAdmin(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/calls/t-call/admin`);
  await page.getByRole("heading", { name: "Test call", level: 1 }).waitFor();
}

/** The dialog that is open now. */
export const openDialog = (page: Page): Locator => page.locator("dialog[open]");

/** Click something that downloads a file; returns the file's text. */
export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, "utf8") };
}

/** The text of a refusal shown on the page (headline and each problem). */
export async function refusalIn(scope: Locator): Promise<string> {
  const notice = scope.locator(".notice-error");
  await notice.waitFor();
  return (await notice.textContent()) ?? "";
}

/** Wait until an element's text matches. */
export async function textOf(locator: Locator, pattern: RegExp): Promise<void> {
  await expect.poll(async () => (await locator.textContent()) ?? "", { timeout: 10_000 }).toMatch(pattern);
}
