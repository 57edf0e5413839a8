import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import type { Form } from "../../api/schema/call-document.ts";
import type { Score } from "../../viz/circle/circle-geometry.ts";
import { expectAccessible } from "../helpers/axe.ts";
import { SCREENSHOTS } from "../helpers/screenshots.ts";
import { WAVE, circleFixture, drawnPlacements, loaded, place, waitForStatus } from "./circle-page.ts";

/** Two tabs of one browser (one localStorage) on the same invitation link. */
async function twoTabs(browser: Browser, link: string): Promise<[Page, Page]> {
  const context = await browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 900 } });
  const tabs: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const page = await context.newPage();
    await page.goto(link);
    await loaded(page);
    tabs.push(page);
  }
  return tabs as [Page, Page];
}

type Placement = [partner: string, form: Form, score: Score];

/**
 * Two tabs on one circle: the first saves `first`, then the second places `second` on
 * the circle it loaded before; its save is refused and it asks which circle to keep.
 */
async function conflict(browser: Browser, link: string, first: Placement, second: Placement): Promise<{ tabs: [Page, Page]; dialog: Locator }> {
  const tabs = await twoTabs(browser, link);
  await place(tabs[0], ...first);
  await waitForStatus(tabs[0], "saved");
  await place(tabs[1], ...second);
  const dialog = tabs[1].locator("#conflict-dialog[open]");
  await dialog.waitFor();
  return { tabs, dialog };
}

describe("two tabs on one circle", { timeout: 120_000 }, () => {
  const f = circleFixture();
  const history = async (organisation: string) => {
    const versions = (await f.server.api("GET", `/api/waves/${WAVE}/circles/${organisation}`)).body.versions as Array<{ version: number }>;
    return versions.map((v) => f.server.store.circles.version(WAVE, organisation, v.version)!.ties);
  };

  it("asks which circle to keep when the other tab saved first, and keeps this tab's on top", async () => {
    // The second tab still edits the empty circle it loaded: its save is refused and it asks.
    const {
      tabs: [first, second],
      dialog,
    } = await conflict(f.browser, f.links.get("beta")!, ["alpha", "support", 2], ["gamma", "cocreation", 4]);
    await waitForStatus(second, "conflict");
    expect(await dialog.locator("h2").textContent()).toBe("Deze cirkel werd elders gewijzigd");
    // The newer circle is shown beside this tab's.
    const newer = dialog.locator('[data-version="conflict-newer"]');
    expect(await newer.textContent()).toContain("Versie 1, een ontwerp");
    expect(await newer.locator(".summary li strong").allTextContents()).toEqual(["Alpha Fund"]);
    expect(await dialog.locator('[data-version="conflict-mine"] .summary li strong').allTextContents()).toEqual(["Gamma Fund"]);
    await expectAccessible(second, "circle page asking which circle to keep");
    await second.screenshot({ path: resolve(SCREENSHOTS, "circle-two-tabs.png") });

    await dialog.locator("#keep-mine").click();
    await waitForStatus(second, "saved");
    expect(await second.locator("#conflict-dialog[open]").count()).toBe(0);
    // This tab's circle is the latest; the other tab's stays in the history.
    expect(await history("beta")).toEqual([
      [{ partner: "alpha", forms: { support: 2 } }],
      [{ partner: "gamma", forms: { cocreation: 4 } }],
    ]);
    await first.context().close();
  });

  it("shows the newer circle when the respondent keeps it, and still keeps this tab's in the history", async () => {
    const {
      tabs: [first, second],
      dialog,
    } = await conflict(f.browser, f.links.get("epsilon")!, ["zeta", "information", 3], ["zeta", "support", 1]);
    await Promise.all([second.waitForEvent("load"), dialog.locator("#keep-newer").click()]);
    await loaded(second);
    await waitForStatus(second, "saved");
    // The tab now shows the circle saved elsewhere.
    expect(await drawnPlacements(second)).toEqual(["zeta:information:3"]);
    // Nothing was lost: this tab's circle is in the history, under the newer one restored on top.
    expect(await history("epsilon")).toEqual([
      [{ partner: "zeta", forms: { information: 3 } }],
      [{ partner: "zeta", forms: { support: 1 } }],
      [{ partner: "zeta", forms: { information: 3 } }],
    ]);
    // Both tabs agree again: a change in the first goes through.
    await first.reload();
    await loaded(first);
    await place(first, "zeta", "cocreation", 2);
    await waitForStatus(first, "saved");
    expect((await history("epsilon")).length).toBe(4);
    await first.context().close();
  });
});
