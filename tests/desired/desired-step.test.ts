import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Form } from "../../api/schema/call-document.ts";
import type { Score } from "../../viz/circle/circle-geometry.ts";
import { RESPONDENT_LANGUAGES, expectAccessible, expectAccessibleIn } from "../helpers/axe.ts";
import { inviteAll, smallCall, tokenOf } from "../helpers/call-document.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import {
  WAVE,
  cellOnScreen,
  circleFixture,
  drawnPlacements,
  expectTextPerLanguage,
  loaded,
  mouseDrag,
  openPage,
  place,
  placedChip,
  waitForStatus,
} from "../circle/circle-page.ts";

const fx = circleFixture({ desired: true, channels: true });

/** Press Tab until the focused element matches; the keyboard is the only way used. */
async function tabTo(page: Page, selector: string, key = "Tab"): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${selector} with ${key}`);
}

/** Tick a form in a row of the form and choose its score, by keyboard alone. */
async function scoreByKeyboard(page: Page, row: string, form: Form, score: Score): Promise<void> {
  await tabTo(page, `${row} .form-line[data-form="${form}"] input[type=checkbox]`, "Shift+Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  for (let s = 1; s < score; s++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => page.locator(`${row} .form-line[data-form="${form}"] input[value="${score}"]`).isChecked()).toBe(true);
}

/** Pick an organisation from outside the lot with the search field and Enter. */
async function addOutside(page: Page, query: string): Promise<void> {
  await tabTo(page, "#picker-input");
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
}

const desiredChip = (page: Page, partner: string) => page.locator(`#desired-tray .tray-chip[data-partner="${partner}"]`);

/** Drag a partner from the desired step's tray into a cell, and wait for its chip there. */
async function placeDesired(page: Page, partner: string, form: Form, score: Score): Promise<void> {
  await mouseDrag(page, desiredChip(page, partner), await cellOnScreen(page, form, score));
  await expect.poll(() => placedChip(page, partner, form).getAttribute("data-score")).toBe(String(score));
}

const ghosts = (page: Page) =>
  page.$$eval("#disc .ghost", (gs) => gs.map((g) => `${g.getAttribute("data-partner")}:${g.getAttribute("data-form")}:${g.getAttribute("data-score")}`).sort());

const toDesired = async (page: Page) => {
  await page.locator("#step-desired").click();
  await page.locator("#desired-form:not([hidden])").waitFor();
};

const EXPECTED = [
  { partner: "alpha", forms: { information: 2, support: 3 }, desired: { cocreation: 4 }, channels: ["steering-group", "email"] },
  { partner: "gamma", forms: { information: 2 }, desired: {}, channels: ["phone"] },
  { partner: "ext", forms: { cocreation: 1 }, desired: { information: 3 } },
  { partner: "zeta", forms: {}, desired: { support: 2 } },
];
const CURRENT_DRAWN = ["alpha:information:2", "alpha:support:3", "ext:cocreation:1", "gamma:information:2"];
const DESIRED_DRAWN = ["alpha:cocreation:4", "ext:information:3", "zeta:support:2"];

describe("the desired situation on the circle page", () => {
  it("places a current and a desired circle by mouse and keyboard, with channels, keeps them over a reload and stores them on submission", async () => {
    const page = await openPage(fx.browser, fx.links.get("beta")!);
    expect(await page.locator("#step-current").getAttribute("aria-current")).toBe("step");

    // The current circle: alpha by mouse in two sectors, gamma and Europa WSE by keyboard.
    await place(page, "alpha", "support", 3);
    await place(page, "alpha", "information", 2);
    await scoreByKeyboard(page, "#partner-gamma", "information", 2);
    await addOutside(page, "Europa");
    await expect.poll(() => page.locator("#partner-ext > legend .name").textContent()).toBe("Europa WSE");
    await scoreByKeyboard(page, "#partner-ext", "cocreation", 1);
    // Channels: alpha's by mouse, gamma's by keyboard; none offered before a partner is in the circle.
    expect(await page.locator("#channels-zeta").count()).toBe(0);
    await page.locator('#channels-alpha input[data-channel="steering-group"]').click();
    await page.locator('#channels-alpha input[data-channel="email"]').click();
    await tabTo(page, '#channels-gamma input[data-channel="phone"]', "Shift+Tab");
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator("#announcer").textContent()).toBe("Gamma Fund: Telefoon aangevinkt.");
    expect(await drawnPlacements(page)).toEqual(CURRENT_DRAWN);
    await waitForStatus(page, "saved");
    await page.mouse.move(0, 0);
    await expectLikeReference(page, "circle-channels");

    // On to the desired step, by keyboard: the current circle stays on the disc, faint.
    await tabTo(page, "#next-step-button");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#disc-heading").textContent()).toBe("Gewenste situatie van Beta Fund");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("disc-heading");
    expect(await ghosts(page)).toEqual(CURRENT_DRAWN);
    expect(await drawnPlacements(page)).toEqual([]);
    expect(await page.locator("#desired-progress").textContent()).toBe("3 partners hebben nog geen gewenste plaats: Alpha Fund, Gamma Fund, Europa WSE.");

    // By mouse: alpha deeper, gamma onto "no collaboration wanted", and Zeta (not a partner yet) added and placed.
    await placeDesired(page, "alpha", "support", 4);
    await mouseDrag(page, placedChip(page, "alpha", "support"), await cellOnScreen(page, "cocreation", 4));
    await expect.poll(() => placedChip(page, "alpha", "cocreation").getAttribute("data-score")).toBe("4");
    await mouseDrag(page, desiredChip(page, "gamma"), await page.locator("#none-zone").boundingBox().then((b) => ({ x: b!.x + b!.width / 2, y: b!.y + b!.height / 2 })));
    await expect.poll(() => page.locator("#desired-gamma .none-box").isChecked()).toBe(true);
    expect(await desiredChip(page, "gamma").getAttribute("data-state")).toBe("none");
    await addOutside(page, "Zeta");
    await placeDesired(page, "zeta", "support", 2);
    expect(await page.locator("#desired-progress").textContent()).toBe("1 partner heeft nog geen gewenste plaats: Europa WSE.");

    // Submitting now is led to the partner still without a desired place, and nothing is submitted.
    await page.locator("#submit-button").click();
    await expect.poll(() => page.locator("#form-problems").textContent()).toBe(
      "Voor je indient: 1 partner heeft nog geen gewenste plaats (Europa WSE). Zet hem op de cirkel of duid “Geen samenwerking gewenst” aan.",
    );
    expect(await page.locator("#submit-dialog").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.closest(".partner-row")?.id)).toBe("desired-ext");

    // By keyboard: Europa WSE's desired place; then "no collaboration wanted" ticked and taken back by keyboard too.
    await scoreByKeyboard(page, "#desired-ext", "information", 3);
    await tabTo(page, "#desired-ext .none-box");
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator("#announcer").textContent()).toBe("Europa WSE: geen samenwerking gewenst.");
    expect(await drawnPlacements(page)).toEqual(["alpha:cocreation:4", "zeta:support:2"]);
    await scoreByKeyboard(page, "#desired-ext", "information", 3);
    expect(await page.locator("#desired-ext .none-box").isChecked()).toBe(false);
    expect(await drawnPlacements(page)).toEqual(DESIRED_DRAWN);
    expect(await page.locator("#desired-progress").textContent()).toBe("Elke partner van je cirkel heeft een gewenste plaats.");
    await waitForStatus(page, "saved");
    expect((await fx.server.api("GET", `/api/waves/${WAVE}/circles/beta`)).body.current.ties).toEqual(EXPECTED);

    // After a reload: the current circle with its channels, and the desired one with its marks.
    await page.reload();
    await loaded(page);
    expect(await drawnPlacements(page)).toEqual(CURRENT_DRAWN);
    expect(await page.locator('#channels-alpha input[data-channel="email"]').isChecked()).toBe(true);
    expect(await page.locator('#channels-gamma input[data-channel="phone"]').isChecked()).toBe(true);
    expect(await page.locator('#channels-alpha input[data-channel="phone"]').isChecked()).toBe(false);
    await toDesired(page);
    expect(await drawnPlacements(page)).toEqual(DESIRED_DRAWN);
    expect(await ghosts(page)).toEqual(CURRENT_DRAWN);
    expect(await page.locator("#desired-gamma .none-box").isChecked()).toBe(true);
    expect(await page.locator('#desired-zeta .form-line[data-form="support"] input[value="2"]').isChecked()).toBe(true);
    await page.mouse.move(0, 0);
    await expectLikeReference(page, "circle-desired");
    await expectAccessible(page, "circle page, desired step");

    // Submit after a summary that names the desired situation and the channels.
    await page.locator("#submit-button").click();
    const dialog = page.locator("#submit-dialog");
    await dialog.waitFor();
    const summary = (await dialog.textContent()) ?? "";
    expect(summary).toContain("Gewenst: geen samenwerking");
    expect(summary).toContain("Kanalen: Stuurgroep, E-mail");
    expect(summary).toContain("Nog geen samenwerking");
    await expectAccessible(page, "circle page, desired step, submit dialog");
    await page.locator("#confirm-submit").click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => page.locator("#submit-note").getAttribute("data-state")).toBe("submitted");
    const stored = await fx.server.api("GET", `/api/waves/${WAVE}/circles/beta`);
    expect(stored.body.current.status).toBe("submitted");
    expect(stored.body.current.ties).toEqual(EXPECTED);
    await page.context().close();
  }, 180_000);

  it("shows the desired step on a phone, and in every language without an accessibility violation", async () => {
    const phone = await openPage(fx.browser, fx.links.get("beta")!, { width: 390, height: 844 });
    await toDesired(phone);
    expect(await drawnPlacements(phone)).toEqual(DESIRED_DRAWN);
    await expectLikeReference(phone, "circle-desired-phone", { fullPage: true });
    const desiredReady = async (p: Page) => {
      await loaded(p);
      await toDesired(p);
    };
    await expectAccessibleIn(phone, "circle page, desired step", RESPONDENT_LANGUAGES, desiredReady);
    await expectTextPerLanguage(phone, "#disc-heading", {
      en: "Desired situation of Beta Fund",
      fr: "Situation souhaitée de Beta Fund",
      de: "Gewünschte Situation von Beta Fund",
    });
    expect(await phone.locator("#desired-gamma .none-line").textContent()).toBe("Keine Zusammenarbeit gewünscht");
    await phone.context().close();
  }, 180_000);

  it("asks neither question when the wave does not", async () => {
    const link = (await inviteAll(fx.server, smallCall({ id: "quiet" }))).get("beta")!;
    const page = await openPage(fx.browser, link);
    await place(page, "alpha", "support", 3);
    expect(await page.locator("#steps").isHidden()).toBe(true);
    expect(await page.locator("#next-step").isHidden()).toBe(true);
    expect(await page.locator("#channels-alpha").count()).toBe(0);
    await waitForStatus(page, "saved");
    expect((await fx.server.api("GET", "/api/my/circle", { token: tokenOf(link) })).body.current.ties).toEqual([{ partner: "alpha", forms: { support: 3 } }]);
    await page.context().close();
  });
});
