import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { PARTNERS_OF_ANNA, WAVE_2_CLOSED, WAVE_2_OPEN, WS, twoWaveCall } from "./two-wave-call.ts";

let s: TestServer;
let organisationNames: string[];

beforeAll(async () => {
  s = await startTestServer({ demo: true, now: WAVE_2_OPEN });
  expect((await s.api("POST", "/api/calls/import", { body: twoWaveCall() })).status).toBe(201);
  const demo = (await s.api("GET", "/api/calls/cc-2023")).body;
  organisationNames = demo.organisations.flatMap((o: { id: string; name: string }) => [o.id, o.name]);
});
afterAll(() => s.stop());

/** What a graph holds, in a form two graphs can be compared by: node keys, and arcs with their weights. */
function content(g: Graph) {
  return {
    nodes: g.nodes().sort(),
    arcs: g.mapEdges((_e, a, from, to) => `${from}->${to} ${Number(a.weight)}`).sort(),
  };
}

async function text(path: string) {
  const res = await s.api("GET", path);
  expect(res.status, path).toBe(200);
  return { body: typeof res.body === "string" ? res.body : JSON.stringify(res.body), headers: res.headers };
}

describe("network files", () => {
  for (const view of ["layer=all", "layer=cocreation", "layer=support&missing=reconstruct", "layer=all&outside=true"]) {
    it(`GEXF and GraphML of a lot parse back into the same nodes, arcs and weights (${view})`, async () => {
      const { body: served } = await s.api("GET", `/api/lots/lot-2/graph?${view}`);
      const shown = new Graph();
      shown.import(served.graph);
      const metrics = (await s.api("GET", `/api/lots/lot-2/metrics?${view.replace("&outside=true", "")}`)).body;
      // Arcs of weight 0 are collaborations only wished for (the desired situation), no arcs of the lot graph.
      const arcsOfLot = shown.filterEdges((_e, a) => !a.crossing && a.weight > 0).length;
      expect(arcsOfLot).toBe(metrics.network.m);
      expect(shown.filterEdges((_e, a) => !a.crossing && a.weight === 0).length).toBe(metrics.desired.gap.wished);
      expect(shown.filterNodes((_n, a) => a.role !== "outside").length).toBe(metrics.network.n);

      const gexf = await text(`/api/lots/lot-2/export?format=gexf&${view}`);
      expect(gexf.headers.get("content-disposition")).toMatch(/attachment; filename="?lot-2_w-2024-02_/);
      const graphml = await text(`/api/lots/lot-2/export?format=graphml&${view}`);
      for (const parsed of [parseGexf(Graph, gexf.body), parseGraphml(Graph, graphml.body)]) {
        expect(parsed.type).toBe("directed");
        expect(content(parsed)).toEqual(content(shown));
      }
    });
  }

  it("carries every node figure and the drawing into the GEXF", async () => {
    const graph = parseGexf(Graph, (await text("/api/lots/lot-3/export?format=gexf")).body);
    const metrics = (await s.api("GET", "/api/lots/lot-3/metrics")).body;
    for (const n of metrics.nodes) {
      const a = graph.getNodeAttributes(n.id);
      expect(a.label).toBe(n.name);
      expect(a.inStrength).toBe(n.inStrength);
      expect(a.betweenness).toBeCloseTo(n.betweenness, 12);
      expect(a.pagerank).toBeCloseTo(n.pagerank, 12);
      expect(typeof a.x).toBe("number");
      expect(a.color).toMatch(/^rgb\(\d+,\d+,\d+\)$/);
    }
  });

  it("writes CSV files with every node's figures and every arc's forms", async () => {
    const metrics = (await s.api("GET", "/api/lots/lot-2/metrics")).body;
    // RFC 4180 fields: quoted ones may hold commas (sector names do).
    const rows = (body: string) => body.trim().split("\r\n").map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replaceAll('""', '"')).slice(0, -1));
    const [head, ...nodes] = rows((await text("/api/lots/lot-2/export?format=csv-nodes")).body);
    expect(head).toEqual(expect.arrayContaining(["id", "name", "role", "responded", "inStrength", "betweenness", "closeness", "pagerank", "constraint", "effectiveSize", "crossings"]));
    expect(nodes).toHaveLength(metrics.network.n);
    for (const n of metrics.nodes) {
      const row = nodes.find((r) => r[0] === n.id)!;
      expect(Number(row[head!.indexOf("inStrength")])).toBe(n.inStrength);
      expect(Number(row[head!.indexOf("closeness")])).toBeCloseTo(n.closeness, 12);
    }
    const [edgeHead, ...arcs] = rows((await text("/api/lots/lot-2/export?format=csv-edges")).body);
    // Every column of the definitions, so files of any wave line up.
    expect(edgeHead).toEqual([
      "from", "to", "weight", "information", "support", "cocreation", "deepest", "reconstructed", "crossing",
      "desiredWeight", "desiredInformation", "desiredSupport", "desiredCocreation", "desiredChange",
      "channelSteeringGroup", "channelLearningNetwork", "channelEmail", "channelPhone", "channelChanceMeeting",
    ]);
    // The demo wave asks the desired situation and the channels: every arc answers the first; a
    // collaboration only wished for (weight 0) is no arc of the lot graph, and has no channels.
    const at = (arc: string[], column: string) => arc[edgeHead!.indexOf(column)]!;
    for (const arc of arcs) expect(at(arc, "desiredWeight"), arc.join()).toMatch(/^[0-4]$/);
    expect(arcs.filter((a) => at(a, "weight") !== "0")).toHaveLength(metrics.network.m);
    expect(arcs.filter((a) => at(a, "weight") === "0")).toHaveLength(metrics.desired.gap.wished);
    for (const arc of arcs) expect(at(arc, "channelEmail") === "", arc.join()).toBe(at(arc, "weight") === "0");
  });

  it("exports the whole call with every lot side by side, and the ties between lots on request", async () => {
    const comparison = (await s.api("GET", "/api/calls/cc-2023/comparison")).body;
    const graph = parseGexf(Graph, (await text("/api/calls/cc-2023/export-graph?format=gexf")).body);
    for (const { lot, network } of comparison.lots) {
      expect(graph.filterNodes((_n, a) => a.lot === lot.id).length).toBe(network.n);
      expect(graph.filterEdges((_e, a, from) => graph.getNodeAttribute(from, "lot") === lot.id && a.weight > 0).length).toBe(network.m);
    }
    const withOutside = parseGraphml(Graph, (await text("/api/calls/cc-2023/export-graph?format=graphml&outside=true")).body);
    const crossings = withOutside.filterEdges((_e, a) => a.crossing === true);
    expect(crossings.length).toBeGreaterThan(0);
    expect(withOutside.getNodeAttribute("europa-wse", "role")).toBe("outside");
    for (const e of crossings) expect(withOutside.getNodeAttribute(withOutside.source(e), "lot")).not.toBe(withOutside.getNodeAttribute(withOutside.target(e), "lot"));
  });

  it("pseudonymised exports contain no organisation name, and code each organisation the same way in the files of one export", async () => {
    const files = [
      ...["gexf", "graphml", "csv-nodes", "csv-edges"].flatMap((f) => [
        `/api/lots/lot-3/export?format=${f}&outside=true&pseudonymise=true&export=one-export-key`,
        `/api/calls/cc-2023/export-graph?format=${f}&outside=true&pseudonymise=true&export=one-export-key`,
      ]),
      "/api/calls/cc-2023/export?format=json&pseudonymise=true&export=one-export-key",
    ];
    for (const path of files) {
      const { body } = await text(path);
      expect(body, path).toMatch(/ORG-\d\d/);
      for (const name of organisationNames) expect(body.toLowerCase(), `${name} in ${path}`).not.toContain(name.toLowerCase());
      // Sectors and lot names are free text pointing at the members.
      for (const word of ["Audiovisueel", "Podiumkunsten", "Vastgoed", "Demo call"]) expect(body, path).not.toContain(word);
    }
    const lot = parseGexf(Graph, (await text("/api/lots/lot-3/export?format=gexf&pseudonymise=true&export=one-export-key")).body);
    const call = parseGexf(Graph, (await text("/api/calls/cc-2023/export-graph?format=gexf&pseudonymise=true&export=one-export-key")).body);
    lot.forEachNode((code, a) => {
      expect(call.getNodeAttributes(code)).toMatchObject({ lot: a.lot, inStrength: a.inStrength, betweenness: a.betweenness });
    });
    const doc = (await s.api("GET", "/api/calls/cc-2023/export?format=json&pseudonymise=true")).body;
    expect(doc.call.description).toBeUndefined();
    // Still a call document: it imports as a call of its own once renamed.
    const copy = { ...doc, call: { ...doc.call, id: "cc-copy" }, lots: doc.lots.map((l: any) => ({ ...l, id: `copy-${l.id}` })), waves: doc.waves.map((w: any) => ({ ...w, id: `copy-${w.id}` })), circles: doc.circles.map((c: any) => ({ ...c, lot: `copy-${c.lot}`, wave: `copy-${c.wave}` })) };
    expect((await s.api("POST", "/api/calls/import", { body: copy })).status).toBe(201);
  });

  it("refuses an unknown format or layer with the field named, and an unknown lot with 404", async () => {
    const bad = await s.api("GET", "/api/lots/lot-2/export?format=pdf");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("query.format");
    expect((await s.api("GET", "/api/lots/lot-2/graph?layer=friendship")).body.error.details[0].path).toBe("query.layer");
    expect((await s.api("GET", "/api/lots/no-such-lot/graph")).status).toBe(404);
  });
});

describe("layout", () => {
  const positions = async (query: string) => {
    const { body } = await s.api("GET", `/api/lots/${WS.lotX}/graph?${query}`);
    return Object.fromEntries(
      body.graph.nodes.filter((n: any) => n.attributes.role !== "outside").map((n: any) => [n.key, [n.attributes.x, n.attributes.y]]),
    );
  };

  it("is the same for the same data, and keeps every node in place across layers, modes, waves and outside ties", async () => {
    const first = await positions(`wave=${WS.w1}&layer=all`);
    expect(Object.keys(first).sort()).toEqual(["anna", "bert", "cleo", "dirk"]);
    expect(await positions(`wave=${WS.w1}&layer=all`)).toEqual(first);
    for (const q of [`wave=${WS.w1}&layer=cocreation`, `wave=${WS.w2}&layer=support&missing=reconstruct`, `wave=${WS.w2}&outside=true`]) {
      expect(await positions(q), q).toEqual(first);
    }
    // Not all on one spot: the layout spreads the lot over the unit disc.
    const spread = Object.values(first).map(([x, y]: any) => Math.hypot(x, y));
    expect(Math.max(...spread)).toBeCloseTo(1, 6);
    expect(new Set(Object.values(first).map((p) => JSON.stringify(p))).size).toBe(4);
  });

  it("puts organisations outside the lot on a ring beyond it", async () => {
    const { body } = await s.api("GET", `/api/lots/${WS.lotX}/graph?wave=${WS.w2}&outside=true`);
    const outside = body.graph.nodes.filter((n: any) => n.attributes.role === "outside");
    expect(outside.map((n: any) => n.key)).toEqual(["emma"]);
    expect(outside[0].attributes.lot).toBe(WS.lotY);
    expect(Math.hypot(outside[0].attributes.x, outside[0].attributes.y)).toBeCloseTo(body.extent, 6);
  });
});

describe("overview", () => {
  it("gives one card per lot with the figures of the comparison, and the waves with their state", async () => {
    const { body } = await s.api("GET", `/api/calls/${WS.call}/overview`);
    expect(body.waves.map((w: any) => [w.id, w.state])).toEqual([[WS.w1, "closed"], [WS.w2, "open"]]);
    expect(body.wave.id).toBe(WS.w2);
    const comparison = (await s.api("GET", `/api/calls/${WS.call}/comparison?wave=${WS.w2}`)).body;
    expect(body.lots.map((l: any) => l.id)).toEqual([WS.lotX, WS.lotY]);
    body.lots.forEach((l: any, i: number) => {
      const c = comparison.lots[i];
      expect(l.figures).toEqual({ n: c.network.n, respondents: c.network.respondents, responseRate: c.network.responseRate, density: c.network.density, reciprocity: c.network.reciprocity });
      expect(l.coordinator.dominanceIndex).toBe(c.coordinator.dominanceIndex);
    });
    expect(body.lots[0].coordinator.name).toBe("Anna Arbeid");
  });
});

describe("feedback report", () => {
  /** Every string anywhere in a JSON value. */
  const strings = (v: unknown): string[] =>
    typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === "object" ? Object.values(v).flatMap(strings) : [];

  it("says how much the lot relies on an organisation only in ranges and rounded means, never who said what", async () => {
    const { status, body } = await s.api("GET", `/api/reports/${WS.w2}/anna`);
    expect(status).toBe(200);
    // Bert scored Anna 4 (his deepest), Cleo 2, Dirk 2: three of three, mean 2.67.
    expect(body.reliance).toEqual({ otherRespondents: 3, namedBy: { from: 2, to: 3, of: 3 }, meanScoreReceived: 3 });
    expect(body.circle).toMatchObject({ ties: [], partners: [] });
    // Anna named nobody: no partner is named anywhere, so no score can be pinned on one.
    const all = strings(body).join(" ");
    for (const p of [...PARTNERS_OF_ANNA, "bert", "cleo", "dirk"]) expect(all).not.toContain(p);
    // No exact total, and no figure of who is tied to whom.
    for (const gone of ["density", "meanContribution", "dominanceIndex", "reciprocity", "degreeCentralization", "inStrength", "rank"]) {
      expect(all).not.toContain(gone);
      expect(JSON.stringify(body)).not.toContain(`"${gone}"`);
    }
    expect(body.figures.ties).toMatchObject({ of: 6 });
    expect(body.withheld).toEqual([]);
  });

  it("holds back whatever would give away the answer of a single other respondent, and says why", async () => {
    const { body } = await s.api("GET", `/api/reports/${WS.w1}/emma`);
    expect(body.figures).toMatchObject({ otherRespondents: 1, ties: null, meanScore: null });
    expect(body.reliance).toEqual({ otherRespondents: 1, namedBy: null, meanScoreReceived: null });
    expect(body.withheld).toEqual(
      ["ties", "meanScore", "namedBy", "meanScoreReceived"].map((figure) => ({ figure, reason: "few-respondents" })),
    );
    const metrics = (await s.api("GET", `/api/lots/${WS.lotY}/metrics?wave=${WS.w1}`)).body;
    expect(metrics.network.density).not.toBeNull();
    expect(metrics.network.meanContribution).not.toBeNull();
  });

  it("opens a respondent's own report only once the wave has closed", async () => {
    const inv = await s.api("POST", `/api/waves/${WS.w2}/invitations`);
    const link: string = inv.body.invitations.find((i: any) => i.organisation === "anna").link;
    const token = link.slice(link.lastIndexOf("/") + 1);
    const early = await s.api("GET", "/api/my/report", { token });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("wave_not_closed");
    s.setNow(WAVE_2_CLOSED);
    try {
      const own = await s.api("GET", "/api/my/report", { token });
      expect(own.status).toBe(200);
      expect(own.body.organisation.id).toBe("anna");
      expect(own.body).toEqual((await s.api("GET", `/api/reports/${WS.w2}/anna`)).body);
    } finally {
      s.setNow(WAVE_2_OPEN);
    }
  });

  it("answers 404 for an organisation that is no active member of the wave's call", async () => {
    expect((await s.api("GET", `/api/reports/${WS.w2}/volta`)).status).toBe(404);
    expect((await s.api("GET", `/api/reports/no-wave/anna`)).status).toBe(404);
  });
});
