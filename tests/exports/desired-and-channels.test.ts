import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { readXlsx, type XlsxSheet } from "../helpers/xlsx.ts";
import { DC, DC_NOW, submitDesiredCall } from "../desired/desired-call.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ now: DC_NOW });
  await submitDesiredCall(s);
});
afterAll(() => s.stop());

const NO_CHANNEL = { channelSteeringGroup: false, channelLearningNetwork: false, channelEmail: false, channelPhone: false, channelChanceMeeting: false };

/** Lot 1 in the `all` layer, worked by hand from desired-call.ts: every respondent's tie with its answers. */
const LOT_1_EDGES: Record<string, Record<string, unknown>> = {
  "anker->berk": { weight: 3, desiredWeight: 4, desiredInformation: 3, desiredCocreation: 4, desiredChange: "deepen", ...NO_CHANNEL, channelSteeringGroup: true, channelEmail: true },
  "anker->ceder": { weight: 3, desiredWeight: 3, desiredSupport: 3, desiredChange: "same", ...NO_CHANNEL, channelLearningNetwork: true },
  "berk->anker": { weight: 4, desiredWeight: 2, desiredInformation: 2, desiredChange: "loosen", ...NO_CHANNEL, channelEmail: true, channelPhone: true },
  // A collaboration only wished for: weight 0, no forms, no channels.
  "berk->duin": { weight: 0, desiredWeight: 3, desiredCocreation: 3, desiredChange: "wished" },
  "ceder->anker": { weight: 2, desiredWeight: 0, desiredChange: "dropped", ...NO_CHANNEL, channelChanceMeeting: true },
  "ceder->berk": { weight: 1, desiredWeight: 3, desiredSupport: 3, desiredChange: "deepen", ...NO_CHANNEL, channelLearningNetwork: true, channelPhone: true },
};
const ANSWER_FIELDS = ["weight", "desiredWeight", "desiredInformation", "desiredSupport", "desiredCocreation", "desiredChange", ...Object.keys(NO_CHANNEL)];

/** The answers an edge carries, without the attributes every edge has anyway. */
const answersOf = (a: Record<string, unknown>) =>
  Object.fromEntries(ANSWER_FIELDS.filter((k) => a[k] !== undefined && a[k] !== null && a[k] !== "").map((k) => [k, a[k] === "true" ? true : a[k] === "false" ? false : a[k]]));

async function file(path: string): Promise<Response> {
  const res = await fetch(s.url + path, { headers: { authorization: `Bearer ${ADMIN}` } });
  expect(res.status, path).toBe(200);
  return res;
}

function records(sheet: XlsxSheet): Array<Record<string, unknown>> {
  const [head, ...rows] = sheet.rows;
  const names = head!.map((c) => String(c!.value));
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]?.value ?? null])));
}

/** RFC 4180 rows, enough for these files (no line breaks inside fields). */
function csvRows(body: string): Array<Record<string, string>> {
  const [head, ...rows] = body.trim().split("\r\n").map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replaceAll('""', '"')).slice(0, -1));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
}
const typedCell = (v: string) => (v === "" ? undefined : v === "true" ? true : v === "false" ? false : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

describe("exports carry the desired scores and channels as edge attributes", () => {
  it("GEXF and GraphML: every tie's desired scores, change and channels, in their declared types, wishes included", async () => {
    const gexf = await (await file(`/api/lots/${DC.lot1}/export?format=gexf`)).text();
    const graphml = await (await file(`/api/lots/${DC.lot1}/export?format=graphml`)).text();
    expect(gexf).toContain('<attribute id="desiredWeight" title="desiredWeight" type="integer"/>');
    expect(gexf).toContain('<attribute id="desiredChange" title="desiredChange" type="string"/>');
    expect(gexf).toContain('<attribute id="channelEmail" title="channelEmail" type="boolean"/>');
    expect(graphml).toContain('attr.name="desiredWeight" attr.type="int"');
    expect(graphml).toContain('attr.name="channelPhone" attr.type="boolean"');
    for (const [format, parsed] of [["gexf", parseGexf(Graph, gexf)], ["graphml", parseGraphml(Graph, graphml)]] as const) {
      const edges = Object.fromEntries(parsed.mapEdges((_e, a, from, to) => [`${from}->${to}`, answersOf(a)]));
      expect(edges, format).toEqual(LOT_1_EDGES);
      // desiredInStrength per node, as the metrics say: Anker 2, Berk 4 + 3, Ceder 3, Duin 3.
      expect(Object.fromEntries(parsed.mapNodes((id, a) => [id, Number(a.desiredInStrength)])), format).toEqual({ anker: 2, berk: 7, ceder: 3, duin: 3 });
    }
  });

  it("keeps only the layer's desired forms, and the crossing ties' answers with the ties outside", async () => {
    const gexf = parseGexf(Graph, await (await file(`/api/lots/${DC.lot1}/export?format=gexf&layer=cocreation&outside=true`)).text());
    const edges = Object.fromEntries(gexf.mapEdges((_e, a, from, to) => [`${from}->${to}`, answersOf(a)]));
    // Co-creation: no current arc in lot 1; Anker wishes it with Berk, Berk with Duin.
    expect(edges).toEqual({
      "anker->berk": { weight: 0, desiredWeight: 4, desiredCocreation: 4, desiredChange: "wished", ...NO_CHANNEL, channelSteeringGroup: true, channelEmail: true },
      "berk->duin": { weight: 0, desiredWeight: 3, desiredCocreation: 3, desiredChange: "wished" },
    });
    const outside = parseGexf(Graph, await (await file(`/api/lots/${DC.lot1}/export?format=gexf&outside=true`)).text());
    expect(answersOf(outside.getEdgeAttributes(outside.edge("berk", "xenia")!))).toEqual({ weight: 2, desiredWeight: 0, desiredChange: "dropped", ...NO_CHANNEL, channelPhone: true });
  });

  it("CSV and xlsx: the same columns, one row per edge", async () => {
    const csv = csvRows(await (await file(`/api/lots/${DC.lot1}/export?format=csv-edges`)).text());
    expect(Object.fromEntries(csv.map((r) => [`${r.from}->${r.to}`, answersOf(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typedCell(v)])))]))).toEqual(LOT_1_EDGES);
    const nodes = csvRows(await (await file(`/api/lots/${DC.lot1}/export?format=csv-nodes`)).text());
    expect(Object.fromEntries(nodes.map((r) => [r.id, Number(r.desiredInStrength)]))).toEqual({ anker: 2, berk: 7, ceder: 3, duin: 3 });
    const [nodeSheet, edgeSheet] = readXlsx(new Uint8Array(await (await file(`/api/lots/${DC.lot1}/export?format=xlsx`)).arrayBuffer()));
    expect(Object.fromEntries(records(edgeSheet!).map((r) => [`${r.from}->${r.to}`, answersOf(r)]))).toEqual(LOT_1_EDGES);
    expect(Object.fromEntries(records(nodeSheet!).map((r) => [r.id, r.desiredInStrength]))).toEqual({ anker: 2, berk: 7, ceder: 3, duin: 3 });
  });

  it("pseudonymised: the same answers under codes, and nothing that names anyone", async () => {
    const key = "desired-export-key";
    const gexf = await (await file(`/api/lots/${DC.lot1}/export?format=gexf&pseudonymise=true&export=${key}`)).text();
    for (const name of ["anker", "Anker", "Berk", "Ceder", "Duin", "Arbeid", "Bouw", DC.lot1, DC.call, DC.wave]) expect(gexf).not.toContain(name);
    const parsed = parseGexf(Graph, gexf);
    const answers = parsed.mapEdges((_e, a) => answersOf(a)).map((a) => JSON.stringify(a)).sort();
    expect(answers).toEqual(Object.values(LOT_1_EDGES).map((a) => JSON.stringify(answersOf(a))).sort());
    const [, edgeSheet] = readXlsx(new Uint8Array(await (await file(`/api/lots/${DC.lot1}/export?format=xlsx&pseudonymise=true&export=${key}`)).arrayBuffer()));
    expect(records(edgeSheet!).map((r) => JSON.stringify(answersOf(r))).sort()).toEqual(answers);
  });

  it("the comparison workbook has each lot's desired and channel figures", async () => {
    const comparison = (await s.api("GET", `/api/calls/${DC.call}/comparison`)).body;
    const [sheet] = readXlsx(new Uint8Array(await (await file(`/api/calls/${DC.call}/comparison/export?format=xlsx`)).arrayBuffer()));
    const rows = records(sheet!);
    for (const { lot, desired, channels, coordinator } of comparison.lots) {
      const row = rows.find((r) => r.lot === lot.id)!;
      expect(row["desired.m"]).toBe(desired.m);
      expect(row["desired.gap.wished"]).toBe(desired.gap.wished);
      expect(row["desired.gap.meanDelta"]).toBe(desired.gap.meanDelta);
      expect(row["channels.formalShare"]).toBe(channels.formalShare);
      expect(row["channels.share.phone"]).toBe(channels.share.phone);
      expect(row["coordinator.desiredInStrengthShare"]).toBe(coordinator.desiredInStrengthShare);
    }
    expect(rows.find((r) => r.lot === DC.lot1)!["desired.gap.dropped"]).toBe(1);
  });
});
