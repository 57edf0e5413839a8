import { beforeEach, describe, expect, it } from "vitest";
import { signInStaff } from "../helpers/browser.ts";
import { DURING_WAVE, tokenOf } from "../helpers/call-document.ts";
import { ADMIN } from "../helpers/server.ts";
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

const AFTER_WAVE = new Date("2027-01-10T12:00:00Z");
const fx = circleFixture();

beforeEach(() => fx.server.setNow(DURING_WAVE));

const versions = async (organisation: string) =>
  (await fx.server.api("GET", `/api/waves/${WAVE}/circles/${organisation}`)).body.versions.length as number;

describe("when the circle cannot be edited", () => {
  it("shows a closed wave read-only, with the reason and the stored circle", async () => {
    const beta = fx.links.get("beta")!;
    const ties = [{ partner: "alpha", forms: { support: 4 } }];
    expect((await fx.server.api("POST", "/api/my/circle/submit", { token: tokenOf(beta), body: { ties } })).status).toBe(201);
    fx.server.setNow(AFTER_WAVE);

    const page = await openPage(fx.browser, beta);
    const banner = page.locator("#state-banner");
    await banner.waitFor();
    expect(await banner.getAttribute("data-state")).toBe("closed");
    expect(await banner.textContent()).toBe(
      "Deze bevraging is afgesloten sinds 31 december 2026. Je cirkel kan niet meer gewijzigd worden; je ziet hier wat er bewaard is. " +
        "Bekijk het feedbackrapport van je organisatie",
    );
    // Once the wave has closed, the circle page leads to the organisation's own feedback report.
    expect(await page.locator("#report-link").getAttribute("href")).toBe(`/c/${tokenOf(beta)}/report`);
    expect(await drawnPlacements(page)).toEqual(["alpha:support:4"]);
    expect(await page.locator("#tray").isVisible()).toBe(false);
    expect(await page.locator("#submit-button").isVisible()).toBe(false);
    const score = page.locator('#partner-alpha .form-line[data-form="support"] input[value="4"]');
    expect(await score.isChecked()).toBe(true);
    expect(await score.isDisabled()).toBe(true);
    // A drag off the disc does nothing to a read-only circle.
    await mouseDrag(page, placedChip(page, "alpha", "support"), { x: 5, y: 790 });
    expect(await drawnPlacements(page)).toEqual(["alpha:support:4"]);
    expect(await versions("beta")).toBe(1);
    await page.context().close();
  });

  it("says the day an administrator closed the wave early, not its planned last day", async () => {
    expect((await fx.server.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "closed" } })).status).toBe(200);
    try {
      const context = await fx.server.api("GET", "/api/my/circle/context", { token: tokenOf(fx.links.get("alpha")!) });
      expect(context.body.wave).toMatchObject({ state: "closed", closes: "2026-12-31", closedOn: "2026-06-15" });
      // Closing it again later keeps the day it closed.
      fx.server.setNow(new Date("2026-06-20T09:00:00Z"));
      await fx.server.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "closed" } });
      const page = await openPage(fx.browser, fx.links.get("alpha")!);
      const banner = page.locator('#state-banner[data-state="closed"]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain("afgesloten sinds 15 juni 2026.");
      await page.context().close();
    } finally {
      expect((await fx.server.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "dates" } })).status).toBe(200);
    }
    const reopened = await fx.server.api("GET", "/api/my/circle/context", { token: tokenOf(fx.links.get("alpha")!) });
    expect(reopened.body.wave).toMatchObject({ state: "open", closedOn: null });
  });

  it("turns read-only when the wave closes while the page is open, and says the last change was not kept", async () => {
    const page = await openPage(fx.browser, fx.links.get("gamma")!);
    await place(page, "alpha", "information", 3);
    await waitForStatus(page, "saved");
    fx.server.setNow(AFTER_WAVE);
    await place(page, "beta", "support", 2);
    await page.locator('#state-banner[data-state="closed"]').waitFor();
    expect(await page.locator("#form-problems").textContent()).toContain("Je laatste wijzigingen konden niet meer bewaard worden");
    expect(await page.locator("#tray").isVisible()).toBe(false);
    expect((await fx.server.api("GET", `/api/waves/${WAVE}/circles/gamma`)).body.current.ties).toEqual([
      { partner: "alpha", forms: { information: 3 } },
    ]);
    await page.context().close();
  });

  it("shows a plain error page for an unknown link, without anything about the call", async () => {
    const page = await openPage(fx.browser, `${fx.server.url}/c/not-an-invitation-0123456789`);
    await page.locator("#failure").waitFor();
    expect(await page.locator("#failure-heading").textContent()).toBe("Deze link werkt niet");
    const text = await page.locator("body").innerText();
    for (const secret of ["Test call", "Wave 1", "Lot A", "Alpha", "Beta", "Gamma"]) expect(text).not.toContain(secret);
    expect(await page.title()).toBe("Netwerkcirkel");
    expect(await page.locator("#circle-page").isVisible()).toBe(false);
    await page.context().close();
  });
});

describe("what the server says about a circle", () => {
  it("shows a validation error next to the partner it concerns", async () => {
    const link = fx.links.get("epsilon")!;
    const context = await fx.browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 800 } });
    // A change left in this browser that the server will refuse: a score of 5.
    await context.addInitScript(() => {
      const key = "netwerkcirkel.pendingCircle.respondent.t-call-w1.epsilon";
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, JSON.stringify({ ties: [{ partner: "zeta", forms: { support: 5 } }], baseVersion: 0 }));
        sessionStorage.setItem("seeded", "1");
      }
    });
    const page = await context.newPage();
    await page.goto(link);
    await loaded(page);
    await waitForStatus(page, "invalid");
    const problems = page.locator("#partner-zeta .row-problems");
    await problems.waitFor();
    expect(await problems.textContent()).toContain("Niet aanvaard – Ondersteuning: expected an integer 1-4");
    expect(await page.locator('#partner-zeta input[type="checkbox"]').first().getAttribute("aria-invalid")).toBe("true");
    // Putting it right clears the message and saves.
    await page.locator('#partner-zeta .form-line[data-form="support"] input[value="2"]').check();
    await waitForStatus(page, "saved");
    expect(await problems.isVisible()).toBe(false);
    expect((await fx.server.api("GET", `/api/waves/${WAVE}/circles/epsilon`)).body.current.ties).toEqual([
      { partner: "zeta", forms: { support: 2 } },
    ]);
    await context.close();
  });
});

describe("a paper circle entered by staff", () => {
  it("sends staff without a session to sign in, and back to the circle afterwards", async () => {
    const context = await fx.browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${fx.server.url}/paper/${WAVE}/zeta`);
    await page.waitForURL(`${fx.server.url}/?next=${encodeURIComponent(`/paper/${WAVE}/zeta`)}`);
    await page.getByText("Aanmelden met een token").click();
    await page.getByLabel("Token").fill(ADMIN);
    await page.getByRole("button", { name: "Aanmelden met token" }).click();
    await page.waitForURL(`${fx.server.url}/paper/${WAVE}/zeta`);
    await loaded(page);
    await page.locator("#paper-banner").waitFor();
    await context.close();
  });

  it("says on whose behalf it is entered and saves through the staff endpoints", async () => {
    const context = await fx.browser.newContext({ locale: "nl-BE", viewport: { width: 1280, height: 800 } });
    await signInStaff(context, fx.server.url, ADMIN);
    const page = await context.newPage();
    await page.goto(`${fx.server.url}/paper/${WAVE}/zeta`);
    await loaded(page);
    const banner = page.locator("#paper-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toBe("Ingevoerd namens Zeta Fund: een papieren cirkel die je overneemt.");
    await mouseDrag(page, page.locator('#tray .tray-chip[data-partner="epsilon"]'), await cellOnScreen(page, "cocreation", 3));
    await waitForStatus(page, "saved");
    const stored = (await fx.server.api("GET", `/api/waves/${WAVE}/circles/zeta`)).body.current;
    expect(stored.ties).toEqual([{ partner: "epsilon", forms: { cocreation: 3 } }]);
    expect(stored.enteredBy).toBe("admin:ADMIN_TOKEN");
    await context.close();
  });
});
