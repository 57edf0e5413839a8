import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible } from "../helpers/axe.ts";
import { readXlsx } from "../helpers/xlsx.ts";
import { signInStaff } from "../helpers/browser.ts";
import { ADMIN } from "../helpers/server.ts";
import { serverAndStaffPage } from "../helpers/fixtures.ts";
import { downloadText } from "../admin/admin-pages.ts";
import { expectLikeReference } from "../helpers/screenshots.ts";
import { PARTNERS_OF_ANNA, WAVE_2_CLOSED, WAVE_2_OPEN, WS, twoWaveCall } from "./two-wave-call.ts";

const fx = serverAndStaffPage({ demo: true, now: WAVE_2_OPEN }, async (server) => {
  expect((await server.api("POST", "/api/calls/import", { body: twoWaveCall() })).status).toBe(201);
});

/** The page against its reference screenshot; sigma's WebGL drawing is masked (it is checked by counting pixels and arcs). */
const shot = (name: string, p: Page = fx.page) => expectLikeReference(p, `workspace-${name}`, { mask: [p.locator("#network")] });

/** Open a workspace page as a signed-in evaluator (the admin token) and wait until it has drawn. */
async function open(path: string, p: Page = fx.page): Promise<void> {
  await p.goto(fx.server.url + path);
  await p.locator("main:not([aria-busy])").waitFor();
}

/**
 * How many pixels of an element, as the screen shows it, are not (near) white:
 * sigma draws into WebGL canvases that cannot be read back, so the screenshot is
 * counted instead, decoded in the page itself.
 */
async function inkedPixels(selector: string): Promise<number> {
  const png = await fx.page.locator(selector).screenshot();
  return fx.page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    let inked = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 235 || px[i + 1]! < 235 || px[i + 2]! < 235) inked++;
    return inked;
  }, png.toString("base64"));
}

const network = () => fx.page.locator("#network");
const drawnArcs = async () => Number(await network().getAttribute("data-drawn-arcs"));
const metrics = async (lot: string, query = "") => (await fx.server.api("GET", `/api/lots/${lot}/metrics?${query}`)).body;

describe("call overview", () => {
  it("shows a card per lot with its figures, and the waves with their state", async () => {
    await open("/calls/cc-2023");
    const cards = fx.page.locator("article.lot-summary");
    expect(await cards.count()).toBe(5);
    expect(await cards.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.lot))).toEqual(["lot-1", "lot-2", "lot-3", "lot-4", "lot-5"]);
    const lot1 = fx.page.locator('article[data-lot="lot-1"]');
    expect(await lot1.textContent()).toContain("50%");
    expect(await lot1.textContent()).toContain("Constructiv");
    expect(await lot1.locator(".caveat").textContent()).toContain("onvolledig");
    expect(await fx.page.locator('.wave-list li[data-wave="w-2024-02"]').textContent()).toContain("gesloten");
    await shot("overview");
  });
});

describe("lot network", () => {
  it("draws the network, and the co-creation layer draws exactly the arcs the metrics count for it", async () => {
    await open("/lots/lot-2");
    const all = await metrics("lot-2", "layer=all");
    expect(await drawnArcs()).toBe(all.network.m);
    const inkAll = await inkedPixels("#network");
    expect(inkAll).toBeGreaterThan(3000);
    await fx.page.evaluate(() => scrollTo(0, 0));
    await shot("lot");

    await fx.page.locator('fieldset label[data-value="cocreation"]').click();
    await fx.page.locator('#network[data-layer="cocreation"]').waitFor();
    const cocreation = await metrics("lot-2", "layer=cocreation");
    expect(cocreation.network.m).toBeLessThan(all.network.m);
    expect(await drawnArcs()).toBe(cocreation.network.m);
    expect(await inkedPixels("#network")).toBeLessThan(inkAll);
    expect(new URL(fx.page.url()).searchParams.get("layer")).toBe("cocreation");
    // The figures beside the picture follow the layer.
    expect(await fx.page.locator('dd[data-figure="m"]').textContent()).toBe(String(cocreation.network.m));
  });

  it("follows the wave and the missing-data mode, picture and figures alike", async () => {
    await open(`/lots/${WS.lotX}?wave=${WS.w2}`);
    expect(await drawnArcs()).toBe((await metrics(WS.lotX, `wave=${WS.w2}`)).network.m);
    await fx.page.locator('select[name="wave"]').selectOption(WS.w1);
    await fx.page.locator(`#network[data-wave="${WS.w1}"]`).waitFor();
    const w1 = await metrics(WS.lotX, `wave=${WS.w1}`);
    expect(await drawnArcs()).toBe(w1.network.m);
    expect(await fx.page.locator('dd[data-figure="density"]').textContent()).toBe(w1.network.density.toFixed(3).replace(".", ","));
    // Dirk did not respond in wave 1: reconstructing his ties adds arcs.
    await fx.page.locator('fieldset label[data-value="reconstruct"]').click();
    await fx.page.locator('#network[data-missing="reconstruct"]').waitFor();
    const reconstructed = await metrics(WS.lotX, `wave=${WS.w1}&missing=reconstruct`);
    expect(reconstructed.network.m).toBeGreaterThan(w1.network.m);
    expect(await drawnArcs()).toBe(reconstructed.network.m);
  });

  it("highlights a node's ties when its row is focused, through the reducers and not the data", async () => {
    await open("/lots/lot-2");
    const before = await network().screenshot();
    const arcs = await drawnArcs();
    await fx.page.locator('tr[data-node="cobot"]').focus();
    await fx.page.locator('#network[data-focused="cobot"]').waitFor();
    expect(await fx.page.locator('tr[data-node="cobot"]').getAttribute("class")).toContain("marked");
    expect(await drawnArcs()).toBe(arcs);
    expect(Buffer.compare(before, await network().screenshot())).not.toBe(0);
    await fx.page.locator('tr[data-node="cobot"]').blur();
    await fx.page.locator('#network[data-focused=""]').waitFor();
  });

  it("sorts the table of node figures by any column", async () => {
    await open("/lots/lot-2");
    const m = await metrics("lot-2");
    const firstRow = () => fx.page.getByTestId("node-table").locator("tbody tr").first().getAttribute("data-node");
    const byStrength = [...m.nodes].sort((a: any, b: any) => b.inStrength - a.inStrength || a.name.localeCompare(b.name));
    expect(await firstRow()).toBe(byStrength[0].id);
    await fx.page.locator('button.sort[data-column="name"]').click();
    expect(await fx.page.locator("th:has(button[data-column=name])").getAttribute("aria-sort")).toBe("ascending");
    expect(await firstRow()).toBe([...m.nodes].sort((a: any, b: any) => a.name.localeCompare(b.name))[0].id);
    await fx.page.locator('button.sort[data-column="betweenness"]').click();
    expect(await fx.page.locator("th:has(button[data-column=betweenness])").getAttribute("aria-sort")).toBe("descending");
  });

  it("shows the ties to organisations outside the lot on request", async () => {
    await open("/lots/lot-3");
    expect(await network().getAttribute("data-drawn-crossings")).toBe("0");
    const served = (await fx.server.api("GET", "/api/lots/lot-3/graph?outside=true")).body;
    const crossings = served.graph.edges.filter((e: any) => e.attributes.crossing).length;
    expect(crossings).toBeGreaterThan(0);
    await fx.page.locator('input[name="outside"]').check();
    await fx.page.locator(`#network[data-drawn-crossings="${crossings}"]`).waitFor();
    expect(await drawnArcs()).toBe((await metrics("lot-3")).network.m);
    await shot("lot-outside");
  });

  it("downloads the picture as PNG and SVG, and the network as a GEXF that parses back", async () => {
    await open("/lots/lot-2");
    const [png] = await Promise.all([fx.page.waitForEvent("download"), fx.page.locator('.picture-card button[data-download="png"]').click()]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.length).toBeGreaterThan(5000);
    expect(png.suggestedFilename()).toMatch(/^lot-2_w-2024-02_all_observed\.png$/);

    const svg = await downloadText(fx.page, () => fx.page.locator('.picture-card button[data-download="svg"]').click());
    expect(svg.text).toMatch(/^<svg/);
    expect(svg.text.match(/<path d="M[\d.-]+,[\d.-]+[LQ]/g)).toHaveLength(await drawnArcs());
    expect(svg.text).toContain("Alimento");

    const gexf = await downloadText(fx.page, () => fx.page.locator('button[data-format="gexf"]').click());
    expect(gexf.name).toBe("lot-2_w-2024-02_all_observed.gexf");
    const graph = parseGexf(Graph, gexf.text);
    // The current network's arcs are drawn; the file also holds the collaborations only wished for, at weight 0.
    const current = graph.filterEdges((_e, a) => a.weight > 0);
    expect(current.length).toBe(await drawnArcs());
    expect(graph.size - current.length).toBe((await metrics("lot-2")).desired.gap.wished);
    // Both arcs of a reciprocal pair are curved (as on screen), so neither hides the other; the rest are straight.
    const isCurrent = (source: string, target: string) => graph.hasDirectedEdge(source, target) && graph.getDirectedEdgeAttribute(source, target, "weight") > 0;
    const reciprocal = current.filter((e) => isCurrent(graph.target(e), graph.source(e))).length;
    expect(reciprocal).toBeGreaterThan(0);
    expect(svg.text.match(/data-curved="true"/g)).toHaveLength(reciprocal);

    const [xlsx] = await Promise.all([fx.page.waitForEvent("download"), fx.page.locator('button[data-format="xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toBe("lot-2_w-2024-02_all_observed.xlsx");
    const [nodes, edges] = readXlsx(readFileSync(await xlsx.path()));
    expect(nodes!.rows.length - 1).toBe((await metrics("lot-2")).network.n);
    expect(edges!.rows.length - 1).toBe(graph.size);
    await fx.page.locator(".export-panel").scrollIntoViewIfNeeded();
    await shot("lot-downloads");
  });
});

describe("comparison", () => {
  const FIGURES = ["responseRate", "density", "observedDensity", "reciprocity", "degreeCentralization", "dominanceIndex", "dependency"];

  it("draws one bar per lot for every figure, says what each means and warns about small or incomplete lots", async () => {
    await open("/calls/cc-2023/compare");
    const lots = ["lot-1", "lot-2", "lot-3", "lot-4", "lot-5"];
    for (const f of FIGURES) {
      const card = fx.page.locator(`article.chart-card[data-figure="${f}"]`);
      const bars = await card.locator("rect.bar").evaluateAll((els) => els.map((e) => e.getAttribute("data-lot")));
      expect(bars, f).toEqual(lots);
      expect((await card.locator(".meaning").textContent())!.length).toBeGreaterThan(20);
    }
    // Lot 4 has two members: centralization is undefined there and the chart says so.
    const centralization = fx.page.locator('article[data-figure="degreeCentralization"]');
    expect(await centralization.locator('rect.bar[data-lot="lot-4"]').getAttribute("data-value")).toBe("");
    expect(await centralization.locator(".caveat").textContent()).toContain("Perceel 4");
    // Lot 1 (half responded) is flagged on density but not on the response rate itself.
    expect(await fx.page.locator('article[data-figure="density"] .caveat').textContent()).toContain("Perceel 1");
    expect(await fx.page.locator('article[data-figure="responseRate"] .caveat').count()).toBe(0);
    const depth = fx.page.locator('article[data-figure="depth"]');
    expect(await depth.locator("g.stack").count()).toBe(5);
    expect(await depth.locator("rect.segment").count()).toBe(15);
    await shot("compare");

    const svg = await downloadText(fx.page, () => fx.page.locator('article[data-figure="density"] button[data-download="svg"]').click());
    expect(svg.text.match(/<rect class="bar/g)).toHaveLength(5);
    expect(svg.text).toContain("fill:");

    // The comparison table as a spreadsheet: a row per lot, the density as a number.
    const downloads = fx.page.locator("section.comparison-downloads");
    const [xlsx] = await Promise.all([fx.page.waitForEvent("download"), downloads.locator('button[data-format="xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toBe("cc-2023_w-2024-02_all_observed_comparison.xlsx");
    const [table] = readXlsx(readFileSync(await xlsx.path()));
    const head = table!.rows[0]!.map((c) => c?.value);
    expect(table!.rows.slice(1).map((r) => r[head.indexOf("lot")]?.value)).toEqual(lots);
    const density = (await fx.server.api("GET", "/api/calls/cc-2023/comparison")).body.lots.map((l: any) => l.network.density);
    expect(table!.rows.slice(1).map((r) => r[head.indexOf("density")]?.value ?? null)).toEqual(density);
    await downloads.scrollIntoViewIfNeeded();
    await shot("compare-downloads");
  });

  it("shows the change between two waves of a call", async () => {
    await open(`/calls/${WS.call}/compare?wave=${WS.w2}`);
    const change = fx.page.locator("section.change");
    expect(await change.locator("h2").textContent()).toBe("Verandering van Wave one naar Wave two");
    // Only earlier waves are offered to compare with.
    expect(await change.locator('select[name="wave"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([WS.w1]);
    expect(await change.locator("g.change").evaluateAll((els) => els.map((e) => e.getAttribute("data-lot")))).toEqual([WS.lotX, WS.lotY]);
    expect(await change.locator("circle.wave-a").count()).toBe(2);
    expect(await change.locator("circle.wave-b").count()).toBe(2);
    const served = (await fx.server.api("GET", `/api/lots/${WS.lotX}/change?from=${WS.w1}&to=${WS.w2}`)).body.change;
    const backwards = await fx.server.api("GET", `/api/lots/${WS.lotX}/change?from=${WS.w2}&to=${WS.w1}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: "query.from", message: `"${WS.w2}" opens after "${WS.w1}"` }]);
    const row = change.locator(`tr[data-lot="${WS.lotX}"] td`);
    expect(await row.nth(1).textContent()).toBe(String(served.added.length));
    expect(await row.nth(2).textContent()).toBe(String(served.dropped.length));
    await change.scrollIntoViewIfNeeded();
    await shot("compare-change");
  });

  it("offers no later wave to compare the first wave with, even when the address asks for one", async () => {
    await open(`/calls/${WS.call}/compare?wave=${WS.w1}&from=${WS.w2}`);
    const change = fx.page.locator("section.change");
    expect(await change.locator("h2").textContent()).toBe("Verandering tussen bevragingen");
    expect(await change.textContent()).toContain("Wave one is de eerste bevraging van de oproep");
    expect(await change.locator("svg, table").count()).toBe(0);
  });
});

describe("a respondent's circle", () => {
  it("is drawn as on the circle page, read-only, with every tie", async () => {
    await open("/circles/w-2024-02/alimento");
    const stored = (await fx.server.api("GET", "/api/waves/w-2024-02/circles/alimento")).body.current;
    const placements = stored.ties.reduce((sum: number, t: any) => sum + Object.keys(t.forms).length, 0);
    expect(await fx.page.locator("svg.circle-drawing").first().locator("g.chip").count()).toBe(placements);
    expect(await fx.page.locator("svg.circle-drawing.editable").count()).toBe(0);
    expect(await fx.page.locator("table.circle-ties tbody tr").count()).toBe(stored.ties.filter((t: any) => Object.keys(t.forms).length > 0).length);
    await shot("circle");
  });

  it("shows the answers the wave asks beside the circle: the desired circle, each tie's scores and channels, the wishes for a next call", async () => {
    // Diamantnijverheid wishes for a partner it does not work with yet, and names organisations for a next call.
    await open("/circles/w-2024-02/diamantnijverheid");
    const stored = (await fx.server.api("GET", "/api/waves/w-2024-02/circles/diamantnijverheid")).body.current;
    const names = new Map(
      ((await fx.server.api("GET", "/api/calls/cc-2023/export?format=json")).body.organisations as Array<{ id: string; name: string }>).map((o) => [o.id, o.name]),
    );
    const weight = (forms: Record<string, number>) => Math.max(0, ...Object.values(forms));
    const wished = stored.ties.filter((t: any) => Object.keys(t.forms).length === 0);
    expect(wished.length).toBeGreaterThan(0);
    // The current circle leaves the wished-for partner out; the desired circle draws every desired form.
    const [now, desired] = [fx.page.locator("svg.circle-drawing").nth(0), fx.page.locator("svg.circle-drawing").nth(1)];
    expect(await now.locator("g.chip").count()).toBe(stored.ties.reduce((n: number, t: any) => n + Object.keys(t.forms).length, 0));
    expect(await desired.locator("g.chip").count()).toBe(stored.ties.reduce((n: number, t: any) => n + Object.keys(t.desired).length, 0));
    const rows = fx.page.locator("table.circle-answers tbody tr");
    expect(await rows.count()).toBe(stored.ties.length);
    const CHANGE = { deepen: "Versterken", wished: "Gewenst, nieuw", same: "Ongewijzigd", loosen: "Afzwakken", dropped: "Stoppen" };
    const CHANNEL: Record<string, string> = { "steering-group": "Stuurgroep", "learning-network": "Lerend netwerk", email: "E-mail", phone: "Telefoon", "chance-meeting": "Toevallige ontmoeting" };
    for (const tie of stored.ties) {
      const cells = await rows.locator(`xpath=self::*[@data-partner="${tie.partner}"]`).locator("th, td").allTextContents();
      const [c, d] = [weight(tie.forms), weight(tie.desired)];
      const change = c === 0 && d > 0 ? "wished" : d === 0 && c > 0 ? "dropped" : d > c ? "deepen" : d < c ? "loosen" : "same";
      expect(cells.slice(1)).toEqual([c ? String(c) : "geen", d ? String(d) : "geen", CHANGE[change], (tie.channels ?? []).map((x: string) => CHANNEL[x]).join(", ")]);
    }
    const wishes = (ids: string[]) => (ids.length ? ids.map((id) => names.get(id)).join(", ") : "niemand genoemd");
    expect(await fx.page.locator('[data-wish="with"]').textContent()).toBe(wishes(stored.nextPartners.with));
    expect(await fx.page.locator('[data-wish="without"]').textContent()).toBe(wishes(stored.nextPartners.without));
    await fx.page.locator("table.circle-answers").scrollIntoViewIfNeeded();
    await shot("circle-answers");
  });
});

describe("feedback report", () => {
  it("shows the lot's reliance on the organisation as ranges and rounded means, and no partner's score of it", async () => {
    await open(`/reports/${WS.w2}/anna`);
    const text = (await fx.page.locator("main").textContent())!;
    for (const partner of PARTNERS_OF_ANNA) expect(text).not.toContain(partner);
    // Bert, Cleo and Dirk named Anna with 4, 2 and 2: "2-3 of 3", mean 2.67 rounds to 3.
    expect(await fx.page.locator('.reliance [data-figure="namedBy"] strong').textContent()).toBe("2–3 van 3");
    expect(await fx.page.locator('.reliance [data-figure="meanScoreReceived"] strong').textContent()).toBe("3 · Grote bijdrage");
    expect(await fx.page.locator(".held-back-notice").count()).toBe(0);
    await fx.page.locator(".lot-figures").scrollIntoViewIfNeeded();
    await shot("report");
    await fx.page.emulateMedia({ media: "print" });
    expect(await fx.page.locator(".report-toolbar").isVisible()).toBe(false);
    await fx.page.emulateMedia({ media: "screen" });
  });

  for (const [language, notice] of [
    ["nl-BE", "achtergehouden om partners te beschermen"],
    ["en-GB", "held back to protect partners"],
    ["fr-BE", "retenus pour protéger les partenaires"],
    ["de-BE", "zum Schutz der Partner zurückgehalten"],
  ] as const) {
    it(`says in ${language} which figures it holds back to protect partners, and why`, async () => {
      const context = await fx.browser.newContext({ locale: language, viewport: { width: 1280, height: 900 } });
      await signInStaff(context, fx.server.url, ADMIN);
      const p = await context.newPage();
      try {
        // In wave 1 Emma has a single other respondent: nothing about the others' answers can be shown.
        await open(`/reports/${WS.w1}/emma`, p);
        expect((await p.locator(".held-back-notice").textContent())!.toLowerCase()).toContain(notice.toLowerCase());
        for (const figure of ["ties", "meanScore"]) {
          const row = p.locator(`.lot-figures [data-figure="${figure}"]`);
          expect(await row.locator("td.num").textContent()).toBe("—");
          expect((await row.locator("td.meaning").textContent())!.length).toBeGreaterThan(20);
        }
        expect(await p.locator('.reliance [data-figure="namedBy"] .reason').textContent()).toMatch(/1/);
        await expectAccessible(p, `report held back (${language})`);
        await p.locator(".held-back-notice").scrollIntoViewIfNeeded();
        await shot(`report-held-back-${language.slice(0, 2)}`, p);
      } finally {
        await context.close();
      }
    });
  }

  it("keeps the figures about the lot free of partners' names where the organisation drew ties itself", async () => {
    await open("/reports/w-2024-02/alimento");
    const others = (await metrics("lot-2")).nodes.filter((n: any) => n.id !== "alimento").map((n: any) => n.name);
    for (const section of [".lot-figures", ".reliance"]) {
      const text = (await fx.page.locator(section).textContent())!;
      for (const name of others) expect(text, section).not.toContain(name);
    }
    // Its own circle names its partners, as it drew them.
    expect(await fx.page.locator(".own-circle").textContent()).toContain("Cobot");
  });

  it("opens for a respondent from its own link once the wave has closed, in its language", async () => {
    const inv = await fx.server.api("POST", `/api/waves/${WS.w2}/invitations`);
    const link: string = inv.body.invitations.find((i: any) => i.organisation === "anna").link;
    const phone = await fx.browser.newPage({ locale: "fr-BE", viewport: { width: 390, height: 844 } });
    try {
      await open(`${new URL(link).pathname}/report`, phone);
      expect(await phone.locator('.notice[role="status"]').textContent()).toContain("une fois l'enquête clôturée");
      await shot("report-phone-waiting", phone);
      fx.server.setNow(WAVE_2_CLOSED);
      await open(`${new URL(link).pathname}/report`, phone);
      expect(await phone.locator("h1").textContent()).toBe("Rapport de retour");
      const text = (await phone.locator("main").textContent())!;
      for (const partner of PARTNERS_OF_ANNA) expect(text).not.toContain(partner);
      await shot("report-phone", phone);
    } finally {
      fx.server.setNow(WAVE_2_OPEN);
      await phone.close();
    }
  });
});
