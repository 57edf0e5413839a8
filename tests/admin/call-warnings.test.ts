import { describe, expect, it } from "vitest";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { serverAndAdminTab } from "./admin-pages.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";

/**
 * A lot without a coordinator and a wave outside the call's period are warned about,
 * in the API's answers and on the admin page, but not refused: the admin may go on.
 */
const fx = serverAndAdminTab({ now: DURING_WAVE }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
});

describe("warnings", () => {
  it("are none for a call in order", async () => {
    expect((await fx.server.api("GET", "/api/calls/t-call")).body.warnings).toEqual([]);
    const doc = smallCall({ id: "preview" });
    expect((await fx.server.api("POST", "/api/calls/validate", { body: doc })).body).toMatchObject({ valid: true, warnings: [] });
  });

  it("name a new lot without a coordinator, which is added all the same and gets links", async () => {
    const added = await fx.server.api("POST", "/api/calls/t-call/lots", { body: { id: "t-call-lot-c", number: 3, name: "Lot C" } });
    expect(added.status).toBe(201);
    expect(added.body.warnings).toEqual([expect.objectContaining({ code: "lot_without_coordinator", path: "lots[2]", lot: "t-call-lot-c" })]);
    expect((await fx.server.api("POST", "/api/calls/t-call/organisations", { body: { id: "eta", name: "Eta Fund", lot: "t-call-lot-c" } })).status).toBe(201);
    const links = await fx.server.api("POST", "/api/waves/t-call-w1/invitations");
    expect(links.status).toBe(201);
    expect(links.body.invitations.map((i: any) => i.organisation)).toContain("eta");
    expect(links.body.warnings).toEqual([expect.objectContaining({ code: "lot_without_coordinator", lot: "t-call-lot-c" })]);
  });

  it("name a wave outside the call's period, which is added all the same", async () => {
    const added = await fx.server.api("POST", "/api/calls/t-call/waves", { body: { id: "t-call-w9", name: "Late wave", opens: "2027-11-01", closes: "2028-02-28" } });
    expect(added.status).toBe(201);
    expect(added.body.warnings.map((w: any) => [w.code, w.path])).toEqual([
      ["lot_without_coordinator", "lots[2]"],
      ["wave_outside_call", "waves[1]"],
    ]);
    expect((await fx.server.api("GET", "/api/calls/t-call")).body.waves.map((w: any) => w.id)).toContain("t-call-w9");
    const doc = smallCall({ id: "preview" });
    doc.waves[0]!.opens = "2024-12-01";
    const preview = await fx.server.api("POST", "/api/calls/validate", { body: doc });
    expect(preview.body).toMatchObject({ valid: true, warnings: [{ code: "wave_outside_call", path: "waves[0]", wave: "preview-w1" }] });
  });

  it("stay on the admin page until they are resolved", async () => {
    await fx.page.goto(`${fx.server.url}/calls/t-call/admin`);
    const box = fx.page.locator("#call-warnings .notice-warn");
    await box.waitFor();
    expect(await box.locator("li").allTextContents()).toEqual([
      "Perceel 3 · Lot C heeft geen coördinator: de kengetallen hebben geen coördinator, en de leden krijgen toch links.",
      "Late wave (1 nov 2027 – 28 feb 2028) valt buiten de looptijd van de oproep (1 jan 2025 – 31 dec 2027).",
    ]);
    await expectLikeReference(fx.page, "admin-warnings");
    // Giving the lot its coordinator resolves that warning.
    const set = await fx.server.api("PUT", "/api/lots/t-call-lot-c/coordinator", { body: { organisation: "eta" } });
    expect(set.body.warnings.map((w: any) => w.code)).toEqual(["wave_outside_call"]);
    await fx.page.reload();
    await fx.page.locator("#call-warnings .notice-warn").waitFor();
    expect(await fx.page.locator("#call-warnings li").count()).toBe(1);
  });
});
