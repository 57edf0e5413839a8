import { expectLikeReference } from "../helpers/screenshots.ts";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { launchBrowser, signInStaff } from "../helpers/browser.ts";
import { expectAccessible } from "../helpers/axe.ts";

const FIGURES = ["priorDensity", "newcomers", "coordinatorPriorDegree", "hub", "smallFunds", "sectors"] as const;

/** The figures a lot column shows, read from the values it was painted with. */
const shownFigures = (page: Page, lot: number) =>
  page.$$eval(`.lot[data-zone="${lot}"] [data-figure]`, (els) =>
    Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.figure, JSON.parse((e as HTMLElement).dataset.value!)])),
  );
const shownTotals = (page: Page) =>
  page.$$eval('[data-total][data-proposal="0"]', (els) =>
    Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.total, JSON.parse((e as HTMLElement).dataset.value!)])),
  );
const membersOf = (page: Page, lot: number) =>
  page.$$eval(`.lot[data-zone="${lot}"] .chip[data-org]`, (els) => els.map((e) => (e as HTMLElement).dataset.org));
/** Wait until the figures on screen are those of the composition on screen; say what the page shows if they never are. */
const fresh = (page: Page) =>
  page.waitForSelector("main[data-check=fresh]", { timeout: 10_000 }).catch(async (e: Error) => {
    const shown = await page.evaluate(() => `${document.querySelector("main")?.dataset.check}: ${document.body.innerText.slice(0, 300)}`);
    throw new Error(`${e.message}\npage shows ${shown}`);
  });

describe("the composition what-if page", () => {
  let s: TestServer;
  let browser: Browser;
  let page: Page;
  let current: { name: string; lots: Array<{ name: string; coordinator: string | null; members: string[] }> };

  /** What the API says for proposal `lots`, checked against all waves. */
  const apiCheck = async (lots: typeof current.lots) =>
    (await s.api("POST", "/api/composition/check", { body: { history: "all", proposals: [{ name: "P", lots }] } })).body.proposals[0];

  const expectFiguresOf = async (lots: typeof current.lots, indexes: number[]) => {
    const expected = await apiCheck(lots);
    for (const i of indexes) {
      const shown = await shownFigures(page, i);
      for (const key of FIGURES) expect(shown[key], `lot ${i} ${key}`).toEqual(expected.lots[i][key]);
    }
    expect(await shownTotals(page)).toMatchObject({ meanPriorDensity: expected.totals.meanPriorDensity, newcomers: expected.totals.newcomers });
    return expected;
  };

  beforeAll(async () => {
    s = await startTestServer({ demo: true });
    current = (await s.api("GET", "/api/composition/latest-call")).body.latestCall.proposal;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });
  afterEach(() => page?.close());
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await signInStaff(page.context(), s.url, ADMIN);
    await page.addInitScript(() => localStorage.setItem("netwerkcirkel.language", "nl"));
    await page.goto(`${s.url}/compose`);
    await fresh(page);
  });

  it("starts from the current lots of the latest call, with the API's figures", async () => {
    for (const [i, lot] of current.lots.entries()) expect(await membersOf(page, i)).toEqual(lot.members);
    // The inactive funds of lot 4 wait in the pool.
    expect(await membersOf(page, -1)).toEqual(expect.arrayContaining(["fonds-320", "vorm-dc"]));
    await expectFiguresOf(current.lots, [0, 1, 2, 3, 4]);
  });

  it("moves an organisation by dragging it with the mouse, and shows the figures of the new composition", async () => {
    const before = await shownFigures(page, 1);
    const chip = page.locator('.lot[data-zone="0"] .chip[data-org="woodwize"]');
    await chip.scrollIntoViewIfNeeded();
    const from = (await chip.boundingBox())!;
    const to = (await page.locator('.lot[data-zone="1"]').boundingBox())!;
    // Across to the next column, at the chip's height: a real drag with the mouse.
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, from.y + from.height / 2, { steps: 12 });
    await page.mouse.up();
    await fresh(page);

    const moved = structuredClone(current.lots);
    moved[0]!.members = moved[0]!.members.filter((m) => m !== "woodwize");
    moved[1]!.members.push("woodwize");
    expect(await membersOf(page, 0)).toEqual(moved[0]!.members);
    expect(await membersOf(page, 1)).toEqual(moved[1]!.members);
    const expected = await expectFiguresOf(moved, [0, 1]);
    // The figures did change: Woodwize, a small fund, now counts in lot 2.
    expect(before.smallFunds).not.toContain("woodwize");
    expect((await shownFigures(page, 1)).smallFunds).toContain("woodwize");
    const woodwize = page.locator('.chip[data-org="woodwize"]');
    expect(await woodwize.evaluate((e) => e.classList.contains("newcomer"))).toBe(expected.lots[1].newcomers.includes("woodwize"));
  });

  it("redraws only the lots an edit touched, and takes edits back with Undo and Ctrl+Z", async () => {
    // Mark every column: a column drawn again is a new element without the mark.
    await page.$$eval(".lot[data-zone]", (els) => els.forEach((e) => ((e as HTMLElement).dataset.mark = "before")));
    await page.locator('.chip[data-org="woodwize"]').focus();
    await page.keyboard.press("ArrowRight");
    await fresh(page);
    const marked = () => page.$$eval(".lot[data-zone]", (els) => els.map((e) => [(e as HTMLElement).dataset.zone, (e as HTMLElement).dataset.mark ?? null]));
    expect(await marked()).toEqual([["-1", "before"], ["0", null], ["1", null], ["2", "before"], ["3", "before"], ["4", "before"]]);
    expect(await membersOf(page, 1)).toContain("woodwize");

    // Ctrl+Z on the board takes the move back; the Undo button the coordinator change before it.
    await page.locator('.chip[data-org="unizo"]').click();
    await page.keyboard.press("Control+z");
    await fresh(page);
    expect(await page.getAttribute('.chip[data-org="unizo"]', "aria-pressed")).toBe("true");
    expect(await page.textContent("#announce")).toBe("Laatste wijziging ongedaan gemaakt.");
    await page.getByRole("button", { name: "Ongedaan maken" }).click();
    await fresh(page);
    for (const [i, lot] of current.lots.entries()) expect(await membersOf(page, i)).toEqual(lot.members);
    expect(await page.getByRole("button", { name: "Ongedaan maken" }).isDisabled()).toBe(true);
  });

  it("moves an organisation from the keyboard and makes a member the coordinator with Enter", async () => {
    await page.locator('.chip[data-org="pmo"]').focus();
    await page.keyboard.press("ArrowLeft");
    await fresh(page);
    expect(await membersOf(page, 3)).toContain("pmo");
    expect(await page.textContent("#announce")).toContain("PMO");
    // Focus stays on the moved chip, so it can keep moving.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.org)).toBe("pmo");

    await page.keyboard.press("Enter");
    await fresh(page);
    const lots = structuredClone(current.lots);
    lots[4]!.members = lots[4]!.members.filter((m) => m !== "pmo");
    lots[3]!.members.push("pmo");
    lots[3]!.coordinator = "pmo";
    const expected = await expectFiguresOf(lots, [3, 4]);
    expect(await page.getAttribute('.chip[data-org="pmo"]', "aria-pressed")).toBe("true");
    expect(await page.getAttribute('.chip[data-org="vivo"]', "aria-pressed")).toBe("false");
    // Any warning the API gives for the new composition is listed.
    expect(await page.$$eval("[data-warning]", (els) => els.map((e) => (e as HTMLElement).dataset.warning))).toEqual(
      expected.warnings.map((w: { code: string }) => w.code),
    );
  });

  it("compares proposals side by side, and saves, reopens, renames and deletes them", async () => {
    await page.getByRole("button", { name: "+ Voorstel" }).click();
    await page.locator('.chip[data-org="unizo"]').click(); // Unizo is no longer the coordinator of lot 5
    await fresh(page);
    // Both have lot 4 of two members (small_lot); the second also a lot without coordinator.
    expect(await page.$$eval('[data-total="warnings"]', (els) => els.map((e) => (e as HTMLElement).dataset.value))).toEqual(["1", "2"]);
    expect(await page.textContent("[data-warning=no_coordinator]")).toContain("Overige sectoren");
    await expectAccessible(page, "compose with two proposals");

    await page.getByRole("button", { name: "Bewaren", exact: true }).click();
    await page.waitForSelector(".save-status:has-text('Voorstel 2')");
    const saved = (await s.api("GET", "/api/composition/proposals")).body.proposals;
    expect(saved.map((p: { name: string }) => p.name)).toEqual(["Voorstel 2"]);
    expect(saved[0].lots[4].coordinator).toBeNull();

    await page.getByRole("button", { name: "Bewaarde voorstellen" }).click();
    const row = page.locator(`.saved-list li[data-proposal-id="${saved[0].id}"]`);
    await row.getByRole("button", { name: "Hernoemen" }).click();
    await row.locator("input").fill("Zonder trekker");
    await row.getByRole("button", { name: "Naam bewaren" }).click();
    await page.waitForSelector(".saved-list .saved-name:has-text('Zonder trekker')");
    await expectAccessible(page, "compose with the saved proposals open");
    expect((await s.api("GET", `/api/composition/proposals/${saved[0].id}`)).body.proposal.name).toBe("Zonder trekker");
    // The open tab follows the new name.
    expect(await page.getByRole("tab", { name: "Zonder trekker" }).count()).toBe(1);

    // Reopen in a fresh page: it comes back as a third proposal, as saved.
    await page.reload();
    await fresh(page);
    await page.getByRole("button", { name: "Bewaarde voorstellen" }).click();
    await page.locator(`.saved-list li[data-proposal-id="${saved[0].id}"]`).getByRole("button", { name: "Openen" }).click();
    await fresh(page);
    expect(await page.getByRole("tab", { name: "Zonder trekker" }).getAttribute("aria-selected")).toBe("true");
    expect(await page.getAttribute('.chip[data-org="unizo"]', "aria-pressed")).toBe("false");

    await page.getByRole("button", { name: "Bewaarde voorstellen" }).click();
    const again = page.locator(`.saved-list li[data-proposal-id="${saved[0].id}"]`);
    await again.getByRole("button", { name: "Verwijderen" }).click();
    await again.getByRole("button", { name: "Verwijderen" }).click();
    await page.waitForSelector(".saved-proposals:has-text('Nog geen bewaarde voorstellen')");
    expect((await s.api("GET", "/api/composition/proposals")).body.proposals).toEqual([]);
  });

  it("marks a rule break on its lot and keeps the figures of what is sound", async () => {
    await page.getByRole("button", { name: "+ Voorstel" }).click();
    await page.getByRole("button", { name: "+ Perceel" }).click();
    await page.waitForSelector("main[data-check=invalid]");
    expect(await page.textContent('.lot[data-zone="5"] .lot-problem')).toBe("Een perceel heeft minstens één lid nodig.");
    // The first proposal still has its totals; the broken one has none; untouched lots keep their figures.
    const expected = await apiCheck(current.lots);
    expect(await page.$$eval('[data-total="meanPriorDensity"]', (els) => els.map((e) => (e as HTMLElement).dataset.value ?? null))).toEqual([
      JSON.stringify(expected.totals.meanPriorDensity),
      null,
    ]);
    expect((await shownFigures(page, 0)).priorDensity).toBe(expected.lots[0].priorDensity);

    // Filling the lot mends it.
    await page.locator('.chip[data-org="fonds-320"]').focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    await fresh(page);
    expect(await membersOf(page, 5)).toEqual(["fonds-320"]);
    expect(await page.textContent('.lot[data-zone="5"] .lot-problem')).toBe("");
  });

  it("looks right at 1280x800 with a proposal that has newcomers and warnings", async () => {
    // Horeca Vlaanderen goes to lot 1 among strangers and coordinates it; lot 5 loses its coordinator.
    await page.locator('.chip[data-org="horeca-vlaanderen"]').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await page.locator('.chip[data-org="diverscity"]').focus();
    await page.keyboard.press("ArrowLeft");
    await page.locator('.chip[data-org="unizo"]').click();
    await fresh(page);
    expect(await page.$$eval(".chip.newcomer", (els) => els.map((e) => (e as HTMLElement).dataset.org))).toEqual(
      expect.arrayContaining(["horeca-vlaanderen", "diverscity"]),
    );
    expect(await page.$$eval("[data-warning]", (els) => els.map((e) => (e as HTMLElement).dataset.warning))).toEqual(
      expect.arrayContaining(["coordinator_without_prior_tie", "no_coordinator"]),
    );
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectLikeReference(page, "compose");
    await expectAccessible(page, "compose with newcomers and warnings");
  });

  // Last: importing the call makes it the latest one, where the page starts from.
  it("starts the call: downloads the skeleton, and an admin imports it so that the export gives it back", async () => {
    await page.getByRole("button", { name: "Oproep starten" }).click();
    const dialog = page.locator("dialog.start-call");
    await dialog.locator("input[name=id]").fill("cc-2026");
    await dialog.locator("input[name=name]").fill("Competentiechecks 2026");
    await dialog.locator("input[name=start]").fill("2026-01-01");
    await dialog.locator("input[name=end]").fill("2027-12-31");
    const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "JSON downloaden" }).click()]);
    const skeleton = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(download.suggestedFilename()).toBe("cc-2026.json");
    expect(skeleton.lots.map((l: { members: unknown[] }) => l.members.length)).toEqual(current.lots.map((l) => l.members.length));
    expect(skeleton).toMatchObject({ waves: [], circles: [], call: { id: "cc-2026", start: "2026-01-01" } });

    await dialog.getByRole("button", { name: "Meteen importeren" }).click();
    await dialog.locator("a[href='/calls/cc-2026']").waitFor();
    const exported = (await s.api("GET", "/api/calls/cc-2026/export?format=json")).body;
    const sorted = (doc: any) => ({ ...doc, organisations: [...doc.organisations].sort((a: any, b: any) => a.id.localeCompare(b.id)) });
    expect(sorted(exported)).toEqual(sorted(skeleton));
  });
});
