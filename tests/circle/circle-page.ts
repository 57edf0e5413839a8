import { expect } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import type { Form, WaveAsks } from "../../api/schema/call-document.ts";
import { cellCentre, type Score } from "../../viz/circle/circle-geometry.ts";
import { DURING_WAVE, inviteAll, smallCall } from "../helpers/call-document.ts";
import type { TestServer } from "../helpers/server.ts";
import { serverAndBrowser } from "../helpers/fixtures.ts";

/** smallCall's wave; its lot A is alpha (coordinator), beta and gamma. */
export const WAVE = "t-call-w1";

/**
 * One server for a test file (smallCall imported, its wave asking `asks`, everyone
 * invited, the clock in the wave) and one browser; filled in before the tests run.
 */
export function circleFixture(asks?: WaveAsks): { server: TestServer; browser: Browser; links: Map<string, string> } {
  const doc = smallCall();
  if (asks) doc.waves[0]!.asks = asks;
  const fixture = serverAndBrowser({ now: DURING_WAVE }, async (server) => {
    fixture.links = await inviteAll(server, doc);
  }) as ReturnType<typeof circleFixture>;
  return fixture;
}

/** A page in a Dutch-speaking browser (the default language) of the given size, once it shows the circle or an error. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-BE", viewport });
  const page = await context.newPage();
  await page.goto(url);
  await loaded(page);
  return page;
}

export const loaded = (page: Page) => page.locator("#circle-page:not([hidden]), #failure:not([hidden])").waitFor();

/** Where the middle of a sector-and-ring cell of the disc is on the screen. */
export async function cellOnScreen(page: Page, form: Form, score: Score): Promise<{ x: number; y: number }> {
  const [x, y] = cellCentre(form, score);
  return page.evaluate(([x, y]) => {
    const svg = document.querySelector<SVGSVGElement>("#disc svg")!;
    const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM()!);
    return { x: p.x, y: p.y };
  }, [x, y] as const);
}

/** A real mouse drag: press in the middle of `from`, move there in steps, release. */
export async function mouseDrag(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  const box = (await from.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

export const trayChip = (page: Page, partner: string) => page.locator(`#tray .tray-chip[data-partner="${partner}"]`);
export const placedChip = (page: Page, partner: string, form: Form) => page.locator(`#disc .chip[data-partner="${partner}"][data-form="${form}"]`);

/** Drag a partner from the tray into a cell and wait for the chip to appear there. */
export async function place(page: Page, partner: string, form: Form, score: Score): Promise<void> {
  await mouseDrag(page, trayChip(page, partner), await cellOnScreen(page, form, score));
  await expect.poll(() => placedChip(page, partner, form).getAttribute("data-score")).toBe(String(score));
}

export async function waitForStatus(page: Page, status: string, timeout = 10_000): Promise<void> {
  await page.locator(`#save-status[data-status="${status}"]`).waitFor({ timeout });
}

/** Every placement drawn on the disc, as partner:form:score, sorted. */
export function drawnPlacements(page: Page): Promise<string[]> {
  return page.$$eval("#disc .chip", (chips) =>
    chips.map((c) => `${c.getAttribute("data-partner")}:${c.getAttribute("data-form")}:${c.getAttribute("data-score")}`).sort(),
  );
}

/** Switch the page to each language in turn and wait until `selector` reads that language's text. */
export async function expectTextPerLanguage(page: Page, selector: string, texts: Record<string, string>): Promise<void> {
  for (const [lang, text] of Object.entries(texts)) {
    await page.locator("#language").selectOption(lang);
    await expect.poll(() => page.locator(selector).textContent()).toBe(text);
  }
}
