import { describe, expect, it } from "vitest";
import { expectAccessible } from "../helpers/axe.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { serverAndStaffPage } from "../helpers/fixtures.ts";

const PATH = "/interviews/t-call-w1/beta";
const API = "/api/interviews/t-call-w1/beta";

const fx = serverAndStaffPage({ now: DURING_WAVE }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: callWithCircle() })).status).toBe(201);
}, { width: 1280, height: 900 });

/** Beta's submitted circle in a wave that asks the desired situation: two partners of its lot and one outside. */
function callWithCircle() {
  const doc = smallCall();
  doc.waves[0]!.asks = { desired: true, channels: true, nextPartners: true };
  doc.circles = [
    {
      wave: "t-call-w1", lot: "t-call-lot-a", respondent: "beta", submittedAt: "2026-05-01T10:00:00Z",
      ties: [
        { partner: "alpha", forms: { information: 4, support: 3 }, desired: { support: 3, cocreation: 4 }, channels: ["steering-group", "email"] },
        { partner: "gamma", forms: { information: 2 }, desired: {} },
        { partner: "ext", forms: { support: 2 }, desired: { support: 3 } },
      ],
      nextPartners: { with: ["alpha"], without: ["gamma"] },
    },
  ];
  return doc;
}

const saved = () => fx.page.locator('.save-status[data-status="saved"]').waitFor();
const partnerButton = (id: string) => fx.page.locator(`.partner-pick[data-partner="${id}"]`);
const noteField = (field: string) => fx.page.locator(`.partner-notes textarea[data-field="${field}"]`);
const codeBox = (code: string) => fx.page.locator(`.partner-notes .code-chip[data-code="${code}"] input`);

/**
 * Someone else saves the interview with other `notes` while this page has it open,
 * then the page types `typed` into the current partner's support field: it shows the
 * conflict. The version both started from is returned.
 */
async function savedElsewhereWhileTyping(notes: string, typed: string): Promise<{ version: number }> {
  const before = (await fx.server.api("GET", API)).body.current;
  const { version: _v, lot: _l, savedAt: _s, writtenBy: _w, wave: _wave, organisation: _o, ...fields } = before;
  await fx.server.api("PUT", API, { body: { ...fields, notes, basedOn: before.version } });
  await noteField("supportNeeded").fill(typed);
  await fx.page.locator(".conflict:not([hidden])").waitFor();
  return before;
}

describe("the interview page", () => {
  it("takes notes for two partners in turn, tags one, saves by itself and shows them again after a reload", async () => {
    await fx.page.goto(fx.server.url + PATH);
    await fx.page.locator("main:not([aria-busy])").waitFor();
    // The partners in the circle's order, then the lot's members it did not name.
    expect(await fx.page.locator(".partner-pick").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-partner")))).toEqual(["alpha", "gamma", "ext"]);
    expect(await fx.page.locator(".interview-circle svg").count()).toBe(2); // current and desired
    await expect.poll(() => fx.page.locator(".tie-facts").textContent()).toContain("Gewenst: Ondersteuning 3 · Co-creatie 4 · Kanalen: Stuurgroep, E-mail · Volgende oproep: wil graag samenwerken");

    await fx.page.locator('select[name="status"]').selectOption("done");
    await fx.page.locator('input[name="plannedOn"]').fill("2026-06-20");
    await noteField("howItLooks").fill("Maandelijkse stuurgroep; vragen via telefoon.");
    await fx.page.getByRole("button", { name: "Volgende partner" }).click();
    expect(await partnerButton("gamma").getAttribute("aria-current")).toBe("true");
    await expect.poll(() => fx.page.locator(".tie-facts").textContent()).toContain("Gewenst: geen samenwerking · Volgende oproep: liever niet samen");
    await noteField("currentVsDesired").fill("Wil niet verder: andere doelgroep.");
    await codeBox("constructive-conflict").check();
    await saved();
    await expect.poll(async () => (await fx.server.api("GET", API)).body.current?.partners).toEqual([
      { partner: "alpha", howItLooks: "Maandelijkse stuurgroep; vragen via telefoon.", codes: [] },
      { partner: "gamma", currentVsDesired: "Wil niet verder: andere doelgroep.", codes: ["constructive-conflict"] },
    ]);
    expect((await fx.server.api("GET", API)).body.current).toMatchObject({ status: "done", plannedOn: "2026-06-20" });
    await expect.poll(() => fx.page.locator('.code-counts tr[data-code="constructive-conflict"]').textContent()).toContain("1");

    await fx.page.reload();
    await fx.page.locator("main:not([aria-busy])").waitFor();
    expect(await fx.page.locator('select[name="status"]').inputValue()).toBe("done");
    expect(await fx.page.locator('input[name="plannedOn"]').inputValue()).toBe("2026-06-20");
    expect(await noteField("howItLooks").inputValue()).toBe("Maandelijkse stuurgroep; vragen via telefoon.");
    expect(await codeBox("constructive-conflict").isChecked()).toBe(false);
    expect(await partnerButton("alpha").locator(".badge").count()).toBe(1);
    expect(await partnerButton("ext").locator(".badge").count()).toBe(0);
    await expectLikeReference(fx.page, "interview-page", { fullPage: true });
    await partnerButton("gamma").click();
    expect(await noteField("currentVsDesired").inputValue()).toBe("Wil niet verder: andere doelgroep.");
    expect(await codeBox("constructive-conflict").isChecked()).toBe(true);
    await expectAccessible(fx.page, "the interview page with notes");
  });

  it("says so when someone else saved meanwhile, and keeps both versions whichever is chosen", async () => {
    const before = await savedElsewhereWhileTyping("Elders geschreven.", "Een facilitator.");
    expect(await fx.page.locator(".save-status").getAttribute("data-status")).toBe("conflict");
    await expectAccessible(fx.page, "the interview page after someone else saved");
    await fx.page.getByRole("button", { name: "Mijn notities houden" }).click();
    await saved();
    const after = (await fx.server.api("GET", API)).body;
    expect(after.versions.map((v: any) => v.version)).toEqual([...Array(before.version + 2).keys()].map((i) => i + 1));
    expect(after.current.partners.find((n: any) => n.partner === "gamma").supportNeeded).toBe("Een facilitator.");
    expect((await fx.server.api("GET", `${API}/versions/${before.version + 1}`)).body.interview.notes).toBe("Elders geschreven.");
  });

  it("takes the other version when asked, after storing its own notes beneath it", async () => {
    const before = await savedElsewhereWhileTyping("De andere versie.", "Mijn laatste woord.");
    await fx.page.getByRole("button", { name: "De andere versie nemen" }).click();
    await fx.page.locator(".conflict[hidden]").waitFor({ state: "attached" });
    await saved();
    expect(await fx.page.locator('textarea[name="notes"]').inputValue()).toBe("De andere versie.");
    expect(await noteField("supportNeeded").inputValue()).toBe("Een facilitator.");
    const after = (await fx.server.api("GET", API)).body;
    // Theirs, then ours stored on top of it, then theirs again on top: nothing lost, theirs is the latest.
    expect(after.versions).toHaveLength(before.version + 3);
    expect((await fx.server.api("GET", `${API}/versions/${before.version + 2}`)).body.interview.partners.find((n: any) => n.partner === "gamma").supportNeeded).toBe("Mijn laatste woord.");
    expect(after.current.notes).toBe("De andere versie.");
    expect(after.current.partners.find((n: any) => n.partner === "gamma").supportNeeded).toBe("Een facilitator.");
    // The page goes on from the latest version: a further change is saved on top of it.
    await noteField("prosAndCons").fill("Snelle antwoorden.");
    await saved();
    await expect.poll(async () => (await fx.server.api("GET", API)).body.versions.length).toBe(before.version + 4);
  });

  it("is listed with its status on the call overview, folded under the counts", async () => {
    await fx.page.goto(`${fx.server.url}/calls/t-call`);
    await fx.page.locator("main:not([aria-busy])").waitFor();
    const list = fx.page.locator("details.interview-list");
    expect(await list.locator("summary").textContent()).toContain("1 afgenomen, 0 gepland, 4 niet gepland");
    await list.locator("summary").click();
    const beta = list.locator('tr[data-organisation="beta"]');
    expect(await beta.locator("td").allTextContents()).toEqual(["Perceel 1", "Afgenomen", "20 jun 2026"]);
    expect(await beta.getByRole("link").getAttribute("href")).toBe(PATH);
    await expectAccessible(fx.page, "the call overview with its interviews unfolded");
  });

  it("is linked from the respondent's circle", async () => {
    await fx.page.goto(`${fx.server.url}/circles/t-call-w1/beta`);
    await fx.page.locator("main:not([aria-busy])").waitFor();
    expect(await fx.page.getByRole("link", { name: "Interview" }).getAttribute("href")).toBe(PATH);
  });
});
