import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { RESPONDENT_LANGUAGES, STAFF_LANGUAGES, expectAccessible, expectAccessibleIn } from "../helpers/axe.ts";
import { signInStaff } from "../helpers/browser.ts";
import { ADMIN, startTestServer } from "../helpers/server.ts";
import { serverAndStaffPage } from "../helpers/fixtures.ts";
import { WAVE_2_CLOSED, WAVE_2_OPEN, WS, twoWaveCall } from "../workspace/two-wave-call.ts";

/**
 * Every page passes axe-core's WCAG 2.1 A and AA rules in every language it offers:
 * staff pages in Dutch and English, the circle page and the feedback report in
 * Dutch, English, French and German. Other browser tests check further states of
 * the pages (dialogs, warnings, placed partners) with the same helper.
 */
let links: Map<string, string>;
const fx = serverAndStaffPage({ demo: true, now: WAVE_2_OPEN }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: twoWaveCall() })).status).toBe(201);
  const invited = await server.api<{ invitations: Array<{ organisation: string; link: string }> }>("POST", `/api/waves/${WS.w2}/invitations`);
  links = new Map(invited.body.invitations.map((i) => [i.organisation, new URL(i.link).pathname]));
});

const staffReady = (page: Page) => page.locator("main:not([aria-busy])").waitFor();
const circleReady = (page: Page) => page.locator("#circle-page:not([hidden]), #failure:not([hidden])").waitFor();
const composeReady = (page: Page) => page.locator("main[data-check=fresh]").waitFor();

async function staffPage(path: string, ready = staffReady): Promise<void> {
  await fx.page.goto(fx.server.url + path);
  await ready(fx.page);
  await expectAccessibleIn(fx.page, path, STAFF_LANGUAGES, ready);
}

describe("staff pages, in Dutch and English", () => {
  it("sign-in", async () => {
    const page = await fx.browser.newPage({ locale: "nl-BE" });
    await page.goto(`${fx.server.url}/`);
    await staffReady(page);
    await expectAccessibleIn(page, "/", STAFF_LANGUAGES, staffReady);
    await page.close();
  });
  it("calls", () => staffPage("/calls"));
  it("call overview", () => staffPage("/calls/cc-2023"));
  it("call administration", () => staffPage("/calls/cc-2023/admin"));
  it("lot network", () => staffPage("/lots/lot-2"));
  it("comparison", () => staffPage("/calls/cc-2023/compare"));
  it("comparison with the change between waves", () => staffPage(`/calls/${WS.call}/compare?wave=${WS.w2}`));
  it("a respondent's circle", () => staffPage("/circles/w-2024-02/alimento"));
  it("an interview", () => staffPage("/interviews/w-2024-02/alimento"));
  it("composition what-if", () => staffPage("/compose", composeReady));
  it("API", () => staffPage("/api-docs"));
  it("tokens", () => staffPage("/tokens"));
  it("accounts", () => staffPage("/accounts"));
  it("access log", () => staffPage("/access-log"));
  it("a sign-in link that does not work", async () => {
    const page = await fx.browser.newPage({ locale: "nl-BE" });
    await page.goto(`${fx.server.url}/sign-in/link#${"x".repeat(43)}`);
    await page.getByRole("alert").waitFor();
    await expectAccessibleIn(page, "/sign-in/link", STAFF_LANGUAGES, (p) => p.getByRole("alert").waitFor());
    await page.close();
  });

  it("composition what-if with more warnings than its box shows at once", async () => {
    // The demo call alone, so that the page starts from its five lots.
    const demo = await startTestServer({ demo: true });
    const context = await fx.browser.newContext({ locale: "nl-BE", viewport: { width: 1024, height: 800 } });
    try {
      await signInStaff(context, demo.url, ADMIN);
      const page = await context.newPage();
      await page.goto(`${demo.url}/compose`);
      await composeReady(page);
      // Taking every lot's coordinator away gives a warning per lot: the box scrolls.
      const { lots } = (await demo.api("GET", "/api/composition/latest-call")).body.latestCall.proposal;
      expect(lots.length).toBeGreaterThanOrEqual(5);
      for (const lot of lots) {
        await page.locator(`.chip[data-org="${lot.coordinator}"]`).click();
        await composeReady(page);
      }
      expect(await page.locator("[data-warning=no_coordinator]").count()).toBe(lots.length);
      expect(await page.locator(".warnings-box").evaluate((box) => box.scrollHeight > box.clientHeight)).toBe(true);
      await expectAccessible(page, "compose with a scrolling warnings box");
    } finally {
      await context.close();
      await demo.stop();
    }
  });
});

describe("pages in Dutch, English, French and German", () => {
  it("the circle page, filled in", async () => {
    const page = await fx.browser.newPage({ locale: "nl-BE" });
    await page.goto(fx.server.url + links.get("bert")!);
    await circleReady(page);
    expect(await page.locator("#disc .chip").count()).toBeGreaterThan(0);
    await expectAccessibleIn(page, "circle page", RESPONDENT_LANGUAGES, circleReady);
    await page.close();
  });

  it("the circle page of an unknown link", async () => {
    const page = await fx.browser.newPage({ locale: "nl-BE" });
    await page.goto(`${fx.server.url}/c/not-a-token`);
    await page.locator("#failure:not([hidden])").waitFor();
    await expectAccessibleIn(page, "circle page failure", RESPONDENT_LANGUAGES, circleReady);
    await page.close();
  });

  it("a paper circle entered by staff", async () => {
    await fx.page.goto(`${fx.server.url}/paper/${WS.w2}/cleo`);
    await circleReady(fx.page);
    await expectAccessibleIn(fx.page, "paper circle", RESPONDENT_LANGUAGES, circleReady);
  });

  it("the feedback report, for staff", async () => {
    await fx.page.goto(`${fx.server.url}/reports/${WS.w2}/bert`);
    await staffReady(fx.page);
    await expectAccessibleIn(fx.page, "report", RESPONDENT_LANGUAGES, staffReady);
  });

  it("the feedback report from a respondent's link, before and after the wave closes", async () => {
    const page = await fx.browser.newPage({ locale: "nl-BE", viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${fx.server.url}${links.get("anna")}/report`);
      await staffReady(page);
      await expectAccessible(page, "report before the wave closes");
      fx.server.setNow(WAVE_2_CLOSED);
      await page.reload();
      await staffReady(page);
      await expectAccessibleIn(page, "respondent's report", RESPONDENT_LANGUAGES, staffReady);
    } finally {
      fx.server.setNow(WAVE_2_OPEN);
      await page.close();
    }
  });
});
