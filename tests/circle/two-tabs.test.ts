import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
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

describe("two tabs on one circle", { timeout: 120_000 }, () => {
  const f = circleFixture();
  const history = async (organisation: string) => {
    const versions = (await f.server.api("GET", `/api/waves/${WAVE}/circles/${organisation}`)).body.versions as Array<{ version: number }>;
    return versions.map((v) => f.server.store.circles.version(WAVE, organisation, v.version)!.ties);
  };

  it("asks which circle to keep when the other tab saved first, and keeps this tab's on top", async () => {
    const [first, second] = await twoTabs(f.browser, f.links.get("beta")!);
    await place(first, "alpha", "support", 2);
    await waitForStatus(first, "saved");

    // The second tab still edits the empty circle it loaded: its save is refused and it asks.
    await place(second, "gamma", "cocreation", 4);
    const dialog = second.locator("#conflict-dialog[open]");
    await dialog.waitFor();
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
    const [first, second] = await twoTabs(f.browser, f.links.get("epsilon")!);
    await place(first, "zeta", "information", 3);
    await waitForStatus(first, "saved");

    await place(second, "zeta", "support", 1);
    const dialog = second.locator("#conflict-dialog[open]");
    await dialog.waitFor();
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
