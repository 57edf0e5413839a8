import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DURING_WAVE, smallCall, tokenOf } from "../helpers/call-document.ts";
import { openCallAdmin, openDialog, serverAndAdminTab, textOf } from "../admin/admin-pages.ts";
import { expectAccessible } from "../helpers/axe.ts";
import { SCREENSHOTS } from "../helpers/screenshots.ts";

const WAVE = "t-call-w1";

const fx = serverAndAdminTab({ now: DURING_WAVE }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
});
beforeAll(() => openCallAdmin(fx.page, fx.server.url));
const wavesOf = async () => (await fx.server.api("GET", "/api/calls/t-call/export?format=json")).body.waves;
const card = (name: RegExp) => fx.page.locator(".wave-card", { has: fx.page.getByRole("heading", { name }) });

describe("the questions of a wave on the call administration page", () => {
  it("adds a wave that asks the desired situation and the channels", async () => {
    await fx.page.getByRole("button", { name: "Golf toevoegen" }).click();
    const dialog = openDialog(fx.page);
    await dialog.getByLabel("Naam").fill("Wave 2");
    await dialog.getByLabel("Opent op").fill("2027-01-01");
    await dialog.getByLabel("Sluit op").fill("2027-02-28");
    await dialog.getByRole("checkbox", { name: /Gewenste situatie/ }).check();
    await dialog.getByRole("checkbox", { name: /Kanalen/ }).check();
    await expectAccessible(fx.page, "add-wave dialog with its questions");
    await fx.page.screenshot({ path: resolve(SCREENSHOTS, "admin-add-wave-questions.png") });
    await dialog.getByRole("button", { name: "Golf toevoegen" }).click();
    await textOf(card(/Wave 2/), /Vraagt ook: gewenste situatie, kanalen/);
    expect((await wavesOf())[1].asks).toEqual({ desired: true, channels: true, nextPartners: false });
  });

  it("changes the questions of a wave nobody answered, then fixes them once a circle is submitted", async () => {
    await textOf(card(/Wave 1/), /Vraagt enkel de cirkel\./);
    await card(/Wave 1/).getByRole("button", { name: "Vragen…" }).click();
    const dialog = openDialog(fx.page);
    await dialog.getByRole("checkbox", { name: /Met wie de volgende keer/ }).check();
    await dialog.getByRole("button", { name: "Vragen bewaren" }).click();
    await textOf(fx.page.locator("#waves"), /De vragen van Wave 1 zijn bewaard\./);
    await textOf(card(/Wave 1/), /Vraagt ook: met wie volgende keer/);
    await card(/Wave 2/).scrollIntoViewIfNeeded();
    await fx.page.screenshot({ path: resolve(SCREENSHOTS, "admin-wave-questions.png") });
    expect((await wavesOf())[0].asks).toEqual({ desired: false, channels: false, nextPartners: true });

    const inv = await fx.server.api("POST", `/api/waves/${WAVE}/invitations`);
    const beta = inv.body.invitations.find((i: any) => i.organisation === "beta").link;
    const circle = { ties: [{ partner: "alpha", forms: { information: 3 } }] };
    expect((await fx.server.api("POST", "/api/my/circle/submit", { token: tokenOf(beta), body: circle })).status).toBe(201);
    await fx.page.reload();
    await textOf(card(/Wave 1/), /De vragen van deze golf liggen vast/);
    expect(await card(/Wave 1/).getByRole("button", { name: "Vragen…" }).count()).toBe(0);
    expect(await card(/Wave 2/).getByRole("button", { name: "Vragen…" }).count()).toBe(1);
  });
});
