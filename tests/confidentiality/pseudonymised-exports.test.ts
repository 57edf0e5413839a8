import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codesOf } from "../../api/exports/pseudonymise.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Pseudonymised exports of the demo call cannot be mapped back: codes follow no
 * order of the call, and nothing that points at an organisation survives.
 */
let s: TestServer;
let demo: any;
beforeAll(async () => {
  s = await startTestServer({ demo: true });
  demo = (await s.api("GET", "/api/calls/cc-2023/export?format=json")).body;
});
afterAll(() => s.stop());

const text = async (path: string) => {
  const res = await s.api("GET", path);
  expect(res.status, path).toBe(200);
  return typeof res.body === "string" ? res.body : JSON.stringify(res.body);
};

describe("pseudonymised exports", () => {
  it("code organisations and lots in an order drawn per export, not the call's", () => {
    const orgs = demo.organisations.map((o: any) => o.id);
    const lots = demo.lots.map((l: any) => l.id);
    const orders = ["key-one-0001", "key-two-0002", "key-three-03"].map((key) => {
      const codes = codesOf(orgs, lots, key);
      return { orgs: orgs.map((id: string) => codes.organisations.get(id)), lots: lots.map((id: string) => codes.lots.get(id)) };
    });
    for (const o of orders) {
      expect(o.orgs).not.toEqual([...o.orgs].sort());
      expect(new Set(o.orgs).size).toBe(orgs.length);
    }
    expect(orders[0]!.orgs).not.toEqual(orders[1]!.orgs);
    expect(new Set(orders.map((o) => o.lots.join())).size).toBeGreaterThan(1);
    // The same key gives the same codes: the files of one export agree.
    expect(codesOf(orgs, lots, "key-one-0001").organisations).toEqual(codesOf(orgs, lots, "key-one-0001").organisations);
  });

  it("keep no lot number, role, size, kind, call or wave name, id or timestamp", async () => {
    const key = "export=demo-export-1";
    const files = [
      ...["gexf", "graphml", "csv-nodes", "csv-edges"].flatMap((f) => [
        `/api/lots/lot-5/export?format=${f}&outside=true&pseudonymise=true&${key}`,
        `/api/calls/cc-2023/export-graph?format=${f}&outside=true&pseudonymise=true&${key}`,
      ]),
      `/api/calls/cc-2023/export?format=json&pseudonymise=true&${key}`,
    ];
    const forbidden = [
      ...demo.organisations.flatMap((o: any) => [`"${o.id}"`, o.name]),
      ...demo.lots.flatMap((l: any) => [`"${l.id}"`, l.name]),
      ...demo.waves.flatMap((w: any) => [w.id, w.name, w.opens, w.closes]),
      demo.call.id, demo.call.name, demo.call.start, demo.call.end,
      '"coordinator"', '"small"', '"large"', '"external"', '"sector-fund"', "Perceel",
    ];
    for (const path of files) {
      const body = await text(path);
      expect(body, path).toMatch(/ORG-\d\d/);
      for (const word of forbidden) expect(body, `${word} in ${path}`).not.toContain(word);
      // No real date or time: made-up ones start in 2000.
      expect(body.match(/20(?!00)\d\d-\d\d-\d\d/g), path).toBeNull();
    }
    const doc = JSON.parse(await text(`/api/calls/cc-2023/export?format=json&pseudonymise=true&${key}`));
    expect(doc.lots.map((l: any) => l.number)).toEqual(doc.lots.map((_: unknown, i: number) => i + 1));
    expect(doc.lots.map((l: any) => l.id)).toEqual([...doc.lots.map((l: any) => l.id)].sort());
    expect(doc.waves.map((w: any) => w.id)).toEqual(["WAVE-1"]);
    for (const o of doc.organisations) expect(Object.keys(o).sort()).toEqual(["id", "name"]);
    // Filenames name codes only.
    const res = await s.api("GET", `/api/lots/lot-5/export?format=gexf&pseudonymise=true&${key}`);
    expect(res.headers.get("content-disposition")).toMatch(/filename="?LOT-\d\d_WAVE-1_/);
  });

  it("share their codes across the files of one export, and only there", async () => {
    const doc = JSON.parse(await text("/api/calls/cc-2023/export?format=json&pseudonymise=true&export=shared-key-01"));
    const lotCode = (await text("/api/lots/lot-2/export?format=csv-nodes&pseudonymise=true&export=shared-key-01")).match(/LOT-\d\d/)![0];
    const graph = parseGexf(Graph, await text("/api/lots/lot-2/export?format=gexf&pseudonymise=true&export=shared-key-01"));
    const lot = doc.lots.find((l: any) => l.id === lotCode);
    expect(graph.nodes().sort()).toEqual(lot.members.filter((m: any) => m.active).map((m: any) => m.organisation).sort());
    // Every arc of the lot file is a tie of the same respondent to the same partner, with the same score, in the document
    // (weight 0 and the same desired score for a collaboration only wished for).
    graph.forEachEdge((_e, a, from, to) => {
      const tie = doc.circles.find((c: any) => c.respondent === from).ties.find((t: any) => t.partner === to);
      expect(Math.max(0, ...(Object.values(tie.forms) as number[]))).toBe(a.weight);
      expect(Math.max(0, ...(Object.values(tie.desired) as number[]))).toBe(a.desiredWeight);
    });
    expect(graph.someEdge((_e, a) => a.weight === 0)).toBe(true);
    const other = JSON.parse(await text("/api/calls/cc-2023/export?format=json&pseudonymise=true&export=other-key-02"));
    expect(other).not.toEqual(doc);
  });
});
