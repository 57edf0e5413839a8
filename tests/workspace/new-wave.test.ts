import { describe, expect, it } from "vitest";
import { defaultWave } from "../../api/calls/default-wave.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { serverAndStaffPage } from "../helpers/fixtures.ts";
import { WAVE_2_OPEN, WS, twoWaveCall } from "./two-wave-call.ts";

/**
 * A third wave opens while wave two has its circles and wave three none: pages keep
 * showing wave two unless asked, and the figures of a wave nobody answered are "—".
 */
const W3 = "ws-w3";
const fx = serverAndStaffPage({ now: WAVE_2_OPEN }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: twoWaveCall() })).status).toBe(201);
  expect((await server.api("POST", `/api/calls/${WS.call}/waves`, { body: { id: W3, name: "Wave three", opens: "2025-06-10", closes: "2025-09-30" } })).status).toBe(201);
}, { width: 1280, height: 900 });

async function open(path: string): Promise<void> {
  await fx.page.goto(fx.server.url + path);
  await fx.page.locator("main:not([aria-busy])").waitFor();
}

describe("the default wave", () => {
  it("is the latest wave with submitted circles, not the new one nobody answered", async () => {
    for (const path of [`/api/lots/${WS.lotX}/metrics`, `/api/lots/${WS.lotX}/graph`, `/api/calls/${WS.call}/comparison`, `/api/calls/${WS.call}/overview`]) {
      const res = await fx.server.api("GET", path);
      expect(res.status, path).toBe(200);
      expect(res.body.wave.id, path).toBe(WS.w2);
    }
    const call = await fx.server.api("GET", `/api/calls/${WS.call}`);
    expect(call.body.waves.map((w: any) => [w.id, w.state, w.submitted])).toEqual([
      [WS.w1, "closed", true],
      [WS.w2, "open", true],
      [W3, "open", false],
    ]);
  });

  it("falls back to the latest opened wave, then the first, when nobody has submitted", () => {
    const w = (id: string, opens: string) => ({ id, opens, closes: "2025-12-31" });
    const waves = [w("a", "2025-01-01"), w("b", "2025-03-01"), w("c", "2025-09-01")];
    const now = new Date("2025-06-01T12:00:00Z");
    expect(defaultWave(waves, new Set(["a"]), now)?.id).toBe("a");
    expect(defaultWave(waves, new Set(), now)?.id).toBe("b");
    expect(defaultWave(waves, new Set(), new Date("2024-06-01T12:00:00Z"))?.id).toBe("a");
    expect(defaultWave([], new Set(), now)).toBeUndefined();
  });

  it("is what the pages show, and the wave selector says so", async () => {
    await open(`/lots/${WS.lotX}`);
    const select = fx.page.locator('.view-controls select[name="wave"]');
    expect(await select.inputValue()).toBe(WS.w2);
    expect(await select.locator("option").allTextContents()).toEqual(["Wave one (gesloten)", "Wave two (open)", "Wave three (open, nog geen cirkels)"]);
    const hint = await select.getAttribute("aria-describedby");
    expect(await fx.page.locator(`#${hint}`).textContent()).toBe("Zonder keuze tonen de pagina's de laatste bevraging met ingediende cirkels.");
    await expectLikeReference(fx.page, "workspace-lot-default-wave", { mask: [fx.page.locator("#network")] });

    await open(`/calls/${WS.call}`);
    expect(await fx.page.locator(".wave-list li.current").getAttribute("data-wave")).toBe(WS.w2);
    expect(await fx.page.locator(`.wave-list li[data-wave="${W3}"]`).textContent()).toContain("nog geen cirkels");
  });
});

describe("a wave nobody answered", () => {
  it("shows its figures as — on the overview, lot and comparison pages", async () => {
    await open(`/calls/${WS.call}?wave=${W3}`);
    const card = fx.page.locator(`article[data-lot="${WS.lotX}"]`);
    expect(await card.locator(".big-figure").textContent()).toBe("—");
    expect(await card.locator('[data-figure="density"]').textContent()).toBe("—");
    expect(await card.locator(".nobody").isVisible()).toBe(true);
    await expectLikeReference(fx.page, "workspace-overview-unanswered");

    await open(`/lots/${WS.lotX}?wave=${W3}`);
    for (const key of ["density", "responseRate", "reciprocity", "degreeCentralization", "dominanceIndex"]) {
      expect(await fx.page.locator(`dd[data-figure="${key}"]`).textContent(), key).toBe("—");
    }
    expect(await fx.page.locator('dd[data-figure="n"]').textContent()).toBe("4");

    await open(`/calls/${WS.call}/compare?wave=${W3}`);
    const density = fx.page.locator('article[data-figure="density"]');
    expect(await density.locator(".caveat").textContent()).toBe("Niemand antwoordde in deze bevraging in Perceel 1, Perceel 2: geen kengetallen.");
  });
});
