import { beforeAll, describe, expect, it } from "vitest";
import type { Locator } from "playwright-core";
import { DURING_WAVE, smallCall, tokenOf } from "../helpers/call-document.ts";
import { openCallAdmin, openDialog, refusalIn, serverAndAdminTab, textOf } from "./admin-pages.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { expectAccessible } from "../helpers/axe.ts";

const WAVE = "t-call-w1";

let links: Record<string, string>;
const fx = serverAndAdminTab({ now: DURING_WAVE }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
  expect((await server.api("POST", "/api/calls/import", { body: smallCall({ id: "other" }) })).status).toBe(201);
  const inv = await server.api("POST", `/api/waves/${WAVE}/invitations`);
  links = Object.fromEntries(inv.body.invitations.map((i: any) => [i.organisation, i.link]));
  // Beta has submitted its circle, gamma has a draft.
  const circle = { ties: [{ partner: "alpha", forms: { information: 3 } }] };
  expect((await server.api("POST", "/api/my/circle/submit", { token: tokenOf(links.beta!), body: circle })).status).toBe(201);
  expect((await server.api("PUT", "/api/my/circle", { token: tokenOf(links.gamma!), body: circle })).status).toBe(200);
});
beforeAll(() => openCallAdmin(fx.page, fx.server.url));

/** Everything a refused change could have touched: the call document, the circle versions, the links. */
async function stored() {
  return {
    doc: (await fx.server.api("GET", "/api/calls/t-call/export?format=json")).body,
    versions: fx.server.store.circles.countVersions(),
    invitations: (await fx.server.api("GET", `/api/waves/${WAVE}/invitations`)).body,
  };
}

/** Open an organisation's dialog from its lot card. */
async function changeOrganisation(name: string) {
  await fx.page.getByRole("button", { name: `${name} wijzigen` }).click();
  return openDialog(fx.page);
}

/**
 * Open a dialog, make a change there that the server refuses, and check that the
 * dialog names the reason (each of `reasons`) and that nothing stored changed.
 */
async function refused(open: () => Promise<unknown>, change: (dialog: Locator) => Promise<void>, reasons: string[], screenshot?: string): Promise<void> {
  const before = await stored();
  await open();
  const dialog = openDialog(fx.page).first();
  await change(dialog);
  const reason = await refusalIn(dialog);
  for (const r of reasons) expect(reason).toContain(r);
  await expectAccessible(fx.page, `refusal: ${reasons.join("; ")}`);
  if (screenshot) await expectLikeReference(fx.page, screenshot);
  await dialog.getByRole("button", { name: "Sluiten" }).click();
  expect(await stored()).toEqual(before);
}

describe("the call administration page refuses a change with its reason, and nothing changes", () => {
  it("moving an organisation whose submitted circle belongs to its lot", async () => {
    await refused(() => changeOrganisation("Beta Fund"), async (dialog) => {
      await dialog.getByLabel("Naar perceel").selectOption({ label: "Perceel 2 · Lot B" });
      await dialog.getByRole("button", { name: "Verplaatsen" }).click();
    }, [
      'circles[0] "beta" has a submitted circle in lot "t-call-lot-a" for wave "Wave 1"',
      "Niet uitgevoerd: er zijn al cirkels die bij dit lidmaatschap horen. Er werd niets gewijzigd.",
    ], "admin-refusal");
    await textOf(fx.page.locator(".lot-card", { hasText: "Perceel 1 · Lot A" }), /Beta Fund/);
  });

  it("marking inactive a member with a draft circle", async () => {
    await refused(() => changeOrganisation("Gamma Fund"), async (dialog) => {
      await dialog.getByRole("button", { name: "Als inactief markeren" }).click();
      await openDialog(fx.page).last().getByRole("button", { name: "Als inactief markeren" }).click();
    }, ['"gamma" has a draft circle in lot "t-call-lot-a" for wave "Wave 1"']);
    // Gamma's link still works.
    expect((await fx.server.api("GET", "/api/my/circle", { token: tokenOf(links.gamma!) })).status).toBe(200);
  });

  it("adding an organisation under an id the call has", async () => {
    await refused(() => fx.page.getByRole("button", { name: "Organisatie toevoegen" }).click(), async (dialog) => {
      await dialog.getByLabel("Id", { exact: true }).fill("alpha");
      await dialog.getByLabel("Naam", { exact: true }).fill("Alpha bis");
      await dialog.getByRole("button", { name: "Toevoegen" }).click();
    }, ["Niet uitgevoerd: dit breekt een regel van het oproepdocument.", 'organisations[7].id duplicate organisation id "alpha"']);
  });

  it("a lot id another call uses", async () => {
    await refused(() => fx.page.getByRole("button", { name: "Perceel toevoegen" }).click(), async (dialog) => {
      await dialog.getByLabel("Id", { exact: true }).fill("other-lot-a");
      await dialog.getByLabel("Naam van het perceel").fill("Lot C");
      await dialog.getByRole("button", { name: "Toevoegen" }).click();
    }, ["Niet uitgevoerd: deze id wordt al gebruikt.", 'body.id lot id "other-lot-a" is used by call "other"']);
  });

  it("a wave that closes before it opens", async () => {
    await refused(() => fx.page.getByRole("button", { name: "Golf toevoegen" }).click(), async (dialog) => {
      await dialog.getByLabel("Naam").fill("Wave 2");
      await dialog.getByLabel("Opent op").fill("2027-03-01");
      await dialog.getByLabel("Sluit op").fill("2027-02-01");
      await dialog.getByRole("button", { name: "Golf toevoegen" }).click();
    }, ["waves[1].closes must not be before opens"]);
  });
});

describe("the call administration page applies an allowed change and shows it", () => {
  it("renames an organisation", async () => {
    const dialog = await changeOrganisation("Alpha Fund");
    await dialog.getByLabel("Naam", { exact: true }).fill("Alpha Vlaanderen");
    await dialog.getByRole("button", { name: "Gegevens bewaren" }).click();
    await textOf(fx.page.locator("#lots"), /De gegevens van Alpha Vlaanderen zijn bewaard\./);
    await textOf(fx.page.locator(".lot-card", { hasText: "Perceel 1 · Lot A" }), /Alpha Vlaanderen/);
    const doc = (await fx.server.api("GET", "/api/calls/t-call/export?format=json")).body;
    expect(doc.organisations.find((o: any) => o.id === "alpha")).toEqual({ id: "alpha", name: "Alpha Vlaanderen", initials: "AF", sector: "Bouw", size: "large", kind: "sector-fund" });
  });

  it("moves an organisation without circles and makes it coordinator", async () => {
    let dialog = await changeOrganisation("Zeta Fund");
    await dialog.getByLabel("Naar perceel").selectOption({ label: "Perceel 1 · Lot A" });
    await dialog.getByRole("button", { name: "Verplaatsen" }).click();
    await textOf(fx.page.locator("#lots .section-notice"), /Zeta Fund zit nu in Perceel 1 · Lot A\./);
    dialog = await changeOrganisation("Zeta Fund");
    await dialog.getByRole("button", { name: "Coördinator van dit perceel maken" }).click();
    await textOf(fx.page.locator("#lots .section-notice"), /Zeta Fund is nu coördinator van Perceel 1 · Lot A\./);
    const lotA = (await fx.server.api("GET", "/api/calls/t-call")).body.lots.find((l: any) => l.id === "t-call-lot-a");
    expect(lotA.members.map((m: any) => `${m.organisation}:${m.role}`)).toEqual([
      "alpha:partner", "beta:partner", "gamma:partner", "delta:partner", "zeta:coordinator",
    ]);
    // The moved member's link now names its new lot.
    expect((await fx.server.api("GET", "/api/my/circle/context", { token: tokenOf(links.zeta!) })).body.lot.id).toBe("t-call-lot-a");
  });
});

describe("invitations after they were handed out", () => {
  it("re-issues a link: shown once, the old one stops working", async () => {
    const invitations = fx.page.locator("#invitations");
    await invitations.getByRole("button", { name: "Link van Beta Fund opnieuw uitgeven" }).click();
    await openDialog(fx.page).getByRole("button", { name: "Opnieuw uitgeven" }).click();
    const once = invitations.locator(".one-time");
    await textOf(once.locator("h3"), /Nieuwe link voor Wave 1/);
    const link = await once.getByLabel("Link van Beta Fund").inputValue();
    await expectAccessible(fx.page, "a re-issued link, shown once");
    expect(link).not.toBe(links.beta);
    expect((await fx.server.api("GET", "/api/my/circle", { token: tokenOf(links.beta!) })).status).toBe(401);
    const mine = await fx.server.api("GET", "/api/my/circle", { token: tokenOf(link) });
    expect(mine.body.current.respondent).toBe("beta");
    // Dismissing asks first; afterwards the link is nowhere on the page.
    await once.getByRole("button", { name: "Bewaard, sluiten" }).click();
    await openDialog(fx.page).getByRole("button", { name: "Bewaard, sluiten" }).click();
    await once.waitFor({ state: "detached" });
    expect(await fx.page.content()).not.toContain(tokenOf(link));
  });

  it("revokes a link", async () => {
    const invitations = fx.page.locator("#invitations");
    await invitations.getByRole("button", { name: "Link van Epsilon Fund intrekken" }).click();
    await openDialog(fx.page).getByRole("button", { name: "Intrekken" }).click();
    await textOf(invitations.getByRole("row", { name: /Epsilon Fund/ }), /ingetrokken op/);
    expect((await fx.server.api("GET", "/api/my/circle", { token: tokenOf(links.epsilon!) })).status).toBe(401);
  });
});
