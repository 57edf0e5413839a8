import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { RESPONDENT_LANGUAGES, expectAccessibleIn } from "../helpers/axe.ts";
import { inviteAll, smallCall } from "../helpers/call-document.ts";
import { SCREENSHOTS } from "../helpers/screenshots.ts";
import { WAVE, circleFixture, expectTextPerLanguage, loaded, openPage, waitForStatus } from "../circle/circle-page.ts";

const fx = circleFixture({ nextPartners: true });

const chosen = (page: Page, list: "with" | "without") =>
  page.$$eval(`#next-${list}-chosen .next-item`, (items) => items.map((i) => i.getAttribute("data-organisation")));

/** Type into a list's search field and pick the highlighted organisation with Enter. */
async function pick(page: Page, list: "with" | "without", query: string): Promise<void> {
  await page.locator(`#next-${list}-input`).focus();
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
}

describe("the next-partners step of the circle page", () => {
  it("asks with whom next time and rather not, by keyboard, autosaves it with the draft and keeps it", async () => {
    const page = await openPage(fx.browser, fx.links.get("beta")!);
    await expect.poll(() => page.locator("#next-heading").textContent()).toBe("Volgende oproep: met wie?");
    // Any organisation of the call: from beta's own lot and from outside it.
    await pick(page, "with", "zeta");
    await pick(page, "with", "AF");
    await pick(page, "without", "Gam");
    expect(await chosen(page, "with")).toEqual(["zeta", "alpha"]);
    expect(await chosen(page, "without")).toEqual(["gamma"]);
    // A chosen organisation is no longer offered in either list.
    await page.locator("#next-without-input").fill("alpha");
    expect(await page.locator("#next-without-list [role=option]").count()).toBe(0);
    await page.keyboard.press("Escape");
    // Taken off again with its button, reached by keyboard.
    await page.locator('#next-with-chosen [data-organisation="zeta"] button').focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#announcer").textContent()).toBe("Zeta Fund is van de lijst gehaald.");
    await waitForStatus(page, "saved");
    const stored = await fx.server.api("GET", `/api/waves/${WAVE}/circles/beta`);
    expect(stored.body.current.nextPartners).toEqual({ with: ["alpha"], without: ["gamma"] });

    await page.reload();
    await loaded(page);
    expect(await chosen(page, "with")).toEqual(["alpha"]);
    expect(await chosen(page, "without")).toEqual(["gamma"]);
    await page.screenshot({ path: resolve(SCREENSHOTS, "circle-next-partners.png"), fullPage: true });
    await expectAccessibleIn(page, "circle page with the next-partners step", RESPONDENT_LANGUAGES, loaded);

    // In the four languages.
    await expectTextPerLanguage(page, "#next-heading", {
      en: "Next call: with whom?",
      fr: "Prochain appel : avec qui ?",
      de: "Nächster Aufruf: mit wem?",
    });
    expect(await page.locator('label[for="next-without-input"]').textContent()).toBe("Lieber nicht mit");
    await page.context().close();
    // axe-core in four languages on a busy machine: time, never a timed assertion.
  }, 120_000);

  it("is not asked when the wave does not ask it", async () => {
    const quiet = await inviteAll(fx.server, smallCall({ id: "quiet" }));
    const page = await openPage(fx.browser, [...quiet.values()][0]!);
    expect(await page.locator("#next-partners").isHidden()).toBe(true);
    await page.context().close();
  });
});
