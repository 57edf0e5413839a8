import type { Page } from "playwright-core";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { STAFF_LANGUAGES, expectAccessibleIn } from "../helpers/axe.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { serverAndStaffPage } from "../helpers/fixtures.ts";
import { WS, twoWaveCall } from "../workspace/two-wave-call.ts";
import { DC, DC_NOW, submitDesiredCall } from "./desired-call.ts";

const fx = serverAndStaffPage({ now: DC_NOW }, async (server) => {
  await submitDesiredCall(server);
  // A call whose waves ask neither question.
  expect((await server.api("POST", "/api/calls/import", { body: twoWaveCall() })).status).toBe(201);
});

const ready = (p: Page) => p.locator("main:not([aria-busy])").waitFor();
async function open(path: string): Promise<void> {
  await fx.page.goto(fx.server.url + path);
  await ready(fx.page);
}
const network = () => fx.page.locator("#network");
const text = async (selector: string) => (await fx.page.locator(selector).textContent())?.trim();

describe("the lot page's desired view", () => {
  it("draws every compared tie by its change, names each change in the legend and the table, and keeps the view in the address", async () => {
    await open(`/lots/${DC.lot1}`);
    // The current network first: the five arcs, not Berk's wish to work with Duin.
    expect(await network().getAttribute("data-picture")).toBe("current");
    expect(Number(await network().getAttribute("data-drawn-arcs"))).toBe(5);
    expect(await fx.page.locator('[data-testid="desired-pairs"]').count()).toBe(0);

    await fx.page.locator('.picture-switch label[data-value="desired"]').click();
    expect(await network().getAttribute("data-picture")).toBe("desired");
    // Six pairs: the five arcs and the wish.
    expect(Number(await network().getAttribute("data-drawn-arcs"))).toBe(6);
    expect(await text(".arc-count")).toBe("6 banden vergeleken");
    expect(new URL(fx.page.url()).searchParams.get("picture")).toBe("desired");

    const legend = fx.page.locator('[data-testid="desired-legend"] li[data-change]');
    expect(await legend.evaluateAll((items) => items.map((li) => [(li as HTMLElement).dataset.change, li.textContent]))).toEqual([
      ["deepen", "Versterken"], ["wished", "Gewenst, nieuw"], ["same", "Ongewijzigd"], ["loosen", "Afzwakken"], ["dropped", "Stoppen"],
    ]);
    const rows = fx.page.locator('[data-testid="desired-pairs"] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.pair, [...tr.children].map((c) => c.textContent!.trim())]))).toEqual([
      ["anker->berk", ["Anker Arbeid", "Berk Bouw", "3", "4", "Versterken"]],
      ["ceder->berk", ["Ceder Chemie", "Berk Bouw", "1", "3", "Versterken"]],
      ["berk->duin", ["Berk Bouw", "Duin Diamant", "geen", "3", "Gewenst, nieuw"]],
      ["anker->ceder", ["Anker Arbeid", "Ceder Chemie", "3", "3", "Ongewijzigd"]],
      ["berk->anker", ["Berk Bouw", "Anker Arbeid", "4", "2", "Afzwakken"]],
      ["ceder->anker", ["Ceder Chemie", "Anker Arbeid", "2", "geen", "Stoppen"]],
    ]);

    // Anker now receives 6 of the 13 points, and would receive 2 of 15 as wished.
    expect(await text('[data-testid="coordinator-shares"] [data-figure="inStrengthShare"]')).toBe("46%");
    expect(await text('[data-testid="coordinator-shares"] [data-figure="desiredInStrengthShare"]')).toBe("13%");
    expect(await text('[data-figure="desired.wished"]')).toBe("1");
    expect(await text('[data-figure="desired.meanDelta"]')).toBe("+0,33");
    // Channels: three of the five ties that list one list a formal channel.
    expect(await text('[data-testid="channels"] [data-figure="formalShare"]')).toBe("60%");
    expect(await text('[data-testid="channels"] [data-figure="informalOnlyShare"]')).toBe("40%");
    // The node table gains the desired in-strength.
    expect(await fx.page.locator('[data-testid="node-table"] tr[data-node="berk"] td').allTextContents()).toContain("7");

    // A reload (a shared link) opens the desired view again. The arcs are masked in the reference
    // (WebGL); a picture with them is written beside the results for a person to look at.
    await fx.page.reload();
    await ready(fx.page);
    expect(await network().getAttribute("data-picture")).toBe("desired");
    await fx.page.screenshot({ path: resolve(import.meta.dirname, "../../test-results/screenshots/desired-lot-unmasked.png"), fullPage: true });
    await expectLikeReference(fx.page, "desired-lot-view", { mask: [network()], fullPage: true });
    await expectAccessibleIn(fx.page, "lot page, desired view", STAFF_LANGUAGES, ready);

    await fx.page.locator('.picture-switch label[data-value="current"]').click();
    expect(Number(await network().getAttribute("data-drawn-arcs"))).toBe(5);
    expect(await fx.page.locator('[data-testid="desired-pairs"]').isHidden()).toBe(true);
  });

  it("keeps to the layer: in co-creation only the two wishes", async () => {
    await open(`/lots/${DC.lot1}?layer=cocreation&picture=desired`);
    expect(Number(await network().getAttribute("data-drawn-arcs"))).toBe(2);
    expect(await fx.page.locator('[data-testid="desired-pairs"] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.change))).toEqual(["wished", "wished"]);
  });

  it("offers no desired view, channels or desired column when the wave asks neither", async () => {
    await open(`/lots/${WS.lotX}?picture=desired`);
    expect(await network().getAttribute("data-picture")).toBe("current");
    expect(await fx.page.locator(".picture-switch").count()).toBe(0);
    expect(await fx.page.locator('[data-testid="channels"], [data-testid="desired-figures"]').count()).toBe(0);
    expect(await fx.page.locator('[data-testid="node-table"] button[data-column="desiredInStrength"]').count()).toBe(0);
  });
});

describe("the comparison's desired panel", () => {
  it("charts the mean change and the formal share per lot, and counts the changes in a table", async () => {
    await open(`/calls/${DC.call}/compare`);
    const panel = fx.page.locator('[data-testid="desired-compare"]');
    const bars = (figure: string) =>
      panel.locator(`[data-figure="${figure}"] rect.bar`).evaluateAll((rects) => rects.map((r) => [(r as SVGElement).dataset.lot, Number((r as SVGElement).dataset.value)]));
    // Lot 1: (1 + 0 - 2 + 3 - 2 + 2) / 6; lot 2: (1 + 0 + 1 + 2) / 4.
    const meanDelta = await bars("meanDelta");
    expect(meanDelta.map(([lot]) => lot)).toEqual([DC.lot1, DC.lot2]);
    expect(meanDelta[0]![1]).toBeCloseTo(2 / 6, 12);
    expect(meanDelta[1]![1]).toBe(1);
    const formal = await bars("formalShare");
    expect(formal[0]![1]).toBeCloseTo(3 / 5, 12);
    expect(formal[1]![1]).toBeCloseTo(2 / 3, 12);
    const rows = panel.locator("table.gap-table tbody tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent!.trim())))).toEqual([
      // Deepen and loosen count the new and the stopped ties too (docs/metrics.md).
      ["Perceel 1", "3", "1", "1", "2", "1", "+0,33", "60%"],
      ["Perceel 2", "3", "1", "1", "0", "0", "+1", "67%"],
    ]);
    await expectLikeReference(panel, "desired-compare-panel");
    await expectAccessibleIn(fx.page, "comparison with the desired panel", STAFF_LANGUAGES, ready);
  });

  it("is absent when the wave asks neither question", async () => {
    await open(`/calls/${WS.call}/compare`);
    expect(await fx.page.locator('[data-testid="desired-compare"]').count()).toBe(0);
  });
});
