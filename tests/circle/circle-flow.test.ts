import { expectLikeReference } from "../helpers/screenshots.ts";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectAccessible } from "../helpers/axe.ts";
import { tokenOf } from "../helpers/call-document.ts";
import {
  WAVE,
  cellOnScreen,
  circleFixture,
  drawnPlacements,
  loaded,
  mouseDrag,
  openPage,
  place,
  placedChip,
  waitForStatus,
} from "./circle-page.ts";


const fx = circleFixture();

/** Press Tab (or Shift+Tab) until the focused element matches; the keyboard is the only way used. */
async function tabTo(page: Page, selector: string, key = "Tab"): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${selector} with ${key}`);
}

const EXPECTED = [
  { partner: "beta", forms: { information: 4, support: 3 } },
  { partner: "gamma", forms: { cocreation: 2 } },
  { partner: "ext", forms: { support: 3 } },
];
const EXPECTED_DRAWN = ["beta:information:4", "beta:support:3", "ext:support:3", "gamma:cocreation:2"];

describe("the consultant's circle page", () => {
  it("places partners by mouse and keyboard, keeps the draft, follows the language, and stores what was placed", async () => {
    const page = await openPage(fx.browser, fx.links.get("alpha")!);
    await expect.poll(() => page.locator("#disc-heading").textContent()).toBe("Netwerkcirkel van Alpha Fund");

    // Beta in two sectors, by real mouse drags from the tray.
    await place(page, "beta", "support", 3);
    await place(page, "beta", "information", 4);
    // Gamma placed, then its chip dragged to another cell, and a second placement dragged off the disc.
    await place(page, "gamma", "information", 1);
    await mouseDrag(page, placedChip(page, "gamma", "information"), await cellOnScreen(page, "cocreation", 2));
    await expect.poll(() => placedChip(page, "gamma", "cocreation").getAttribute("data-score")).toBe("2");
    await place(page, "gamma", "support", 4);
    await mouseDrag(page, placedChip(page, "gamma", "support"), { x: 5, y: 790 });
    expect(await drawnPlacements(page)).toEqual(["beta:information:4", "beta:support:3", "gamma:cocreation:2"]);
    // The form follows the picture.
    expect(await page.locator('#partner-beta .form-line[data-form="information"] input[type=checkbox]').isChecked()).toBe(true);
    expect(await page.locator('#partner-beta .form-line[data-form="information"] input[value="4"]').isChecked()).toBe(true);
    expect(await page.locator('#partner-gamma .form-line[data-form="support"] input[type=checkbox]').isChecked()).toBe(false);

    // A third partner from outside the lot, added and scored with the keyboard alone.
    await tabTo(page, "#picker-input");
    for (const key of ["E", "u", "r", "o", "p", "a"]) await page.keyboard.press(key);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#partner-ext > legend .name").textContent()).toBe("Europa WSE");
    await tabTo(page, '#partner-ext .form-line[data-form="support"] input[type=checkbox]', "Shift+Tab");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator("#announcer").textContent()).toBe("Europa WSE: Ondersteuning, score 3.");
    expect(await drawnPlacements(page)).toEqual(EXPECTED_DRAWN);
    await waitForStatus(page, "saved");
    await expectAccessible(page, "circle page with partners placed");
    expect(await page.locator("#save-status").textContent()).toBe("Opgeslagen");

    // The draft is there after a reload, in the picture and in the form.
    await page.reload();
    await loaded(page);
    expect(await drawnPlacements(page)).toEqual(EXPECTED_DRAWN);
    expect(await page.locator('#partner-ext .form-line[data-form="support"] input[value="3"]').isChecked()).toBe(true);
    expect(await page.locator("#submit-note").getAttribute("data-state")).toBe("draft");

    // Another language changes every label, and is remembered.
    const rimLabels = () => page.$$eval("#disc .rim-labels textPath", (ts) => ts.map((t) => t.textContent));
    expect(await rimLabels()).toEqual(["Informatie", "Ondersteuning", "Co-creatie"]);
    await page.selectOption("#language", "en");
    await expect.poll(rimLabels).toEqual(["Information", "Support", "Co-creation"]);
    expect(await page.locator("#disc-heading").textContent()).toBe("Network circle of Alpha Fund");
    expect(await page.locator('#partner-beta .form-line[data-form="support"] .score-wording').textContent()).toBe("Large contribution");
    expect(await page.locator("#submit-button").textContent()).toBe("Submit…");
    await page.reload();
    await expect.poll(() => page.locator("#disc-heading").textContent()).toBe("Network circle of Alpha Fund");

    // Submit after a summary.
    await page.locator("#submit-button").click();
    const dialog = page.locator("#submit-dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("You name 3 partners");
    await expectAccessible(page, "circle page, submit dialog");
    await page.locator("#confirm-submit").click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => page.locator("#submit-note").getAttribute("data-state")).toBe("submitted");

    const stored = await fx.server.api("GET", `/api/waves/${WAVE}/circles/alpha`);
    expect(stored.status).toBe(200);
    expect(stored.body.current.status).toBe("submitted");
    expect(stored.body.current.ties).toEqual(EXPECTED);
    await page.context().close();
  });

  it("lays out disc and form side by side on a laptop and stacked on a phone (reference screenshots)", async () => {
    const beta = fx.links.get("beta")!;
    const ties = [
      { partner: "alpha", forms: { information: 4, support: 3 } },
      { partner: "gamma", forms: { support: 3, cocreation: 2 } },
      { partner: "ext", forms: { information: 2 } },
    ];
    expect((await fx.server.api("PUT", "/api/my/circle", { token: tokenOf(beta), body: { ties } })).status).toBe(200);
    const box = (page: Page, selector: string) => page.locator(selector).boundingBox().then((b) => b!);

    const laptop = await openPage(fx.browser, beta, { width: 1280, height: 800 });
    await waitForStatus(laptop, "saved");
    expect(await drawnPlacements(laptop)).toHaveLength(5);
    const [disc, form] = [await box(laptop, "#disc"), await box(laptop, ".form-panel")];
    expect(form.x).toBeGreaterThan(disc.x + disc.width);
    expect(disc.y + disc.height).toBeLessThan(800);
    await laptop.mouse.move(0, 0);
    await expectLikeReference(laptop, "circle-desktop");
    await laptop.context().close();

    const phone = await openPage(fx.browser, beta, { width: 390, height: 844 });
    await waitForStatus(phone, "saved");
    const [phoneDisc, phoneForm] = [await box(phone, "#disc"), await box(phone, ".form-panel")];
    expect(phoneForm.y).toBeGreaterThan(phoneDisc.y + phoneDisc.height);
    // Pills that wrap, not full-width rows.
    const tray = await box(phone, "#tray");
    const chips = await phone.locator("#tray .tray-chip").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    for (const width of chips) expect(width).toBeLessThan(tray.width * 0.8);
    // Each chip shows its partner's name, not only initials: touch has no hover to show a tip.
    const names = await phone.locator("#tray .tray-chip .chip-name").evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent, width: e.getBoundingClientRect().width, shown: getComputedStyle(e).clipPath === "none" })),
    );
    expect(names.map((n) => n.text)).toEqual(["Alpha Fund", "Gamma Fund", "Europa WSE"]);
    for (const n of names) {
      expect(n.shown).toBe(true);
      expect(n.width).toBeGreaterThan(40);
    }
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(phone, "circle page on a phone");
    await expectLikeReference(phone, "circle-phone");
    await phone.context().close();
  });
});
