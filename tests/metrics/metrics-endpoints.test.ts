import { get, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN } from "../helpers/server.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";

/** A GET with the admin token and the bytes as sent, not decoded as fetch would. */
function raw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    get(url, { headers: { authorization: `Bearer ${ADMIN}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", fail);
  });
}

describe("metrics endpoints on the demo call", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ demo: true });
  });
  afterAll(() => s.stop());

  it("compares the lots: response rates 0.5, 1, 0.75, 1, 1 and the coordinator at rank 1 everywhere", async () => {
    const res = await s.api("GET", "/api/calls/cc-2023/comparison");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ wave: { id: "w-2024-02" }, layer: "all", missing: "observed" });
    expect(res.body.lots.map((l: any) => l.network.responseRate)).toEqual([0.5, 1, 0.75, 1, 1]);
    for (const l of res.body.lots) {
      expect(l.coordinator.rank).toBe(1);
      expect(l.coordinator.top).toBe(true);
    }
    expect(res.body.lots[4].coordinator.id).toBe("unizo");
  });

  it("shows what the report found: co-creation rarer than information, and one lot (3) of strong interdependence", async () => {
    const lots = (await s.api("GET", "/api/calls/cc-2023/comparison")).body.lots;
    for (const l of lots) expect(l.network.forms.cocreation.share).toBeLessThan(l.network.forms.information.share);
    const byMean = [...lots].sort((a: any, b: any) => b.network.meanContribution - a.network.meanContribution);
    expect(byMean[0].lot.number).toBe(3);
    const byCocreation = [...lots].sort((a: any, b: any) => b.network.forms.cocreation.share - a.network.forms.cocreation.share);
    expect(byCocreation[0].lot.number).toBe(3);
  });

  it("gives one lot's figures with the field names of docs/metrics.md", async () => {
    const res = await s.api("GET", "/api/lots/lot-2/metrics?layer=support&missing=reconstruct");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["agreement", "channels", "coordinator", "desired", "layer", "lot", "missing", "network", "nodes", "wave"]);
    // The demo wave asks both questions, so both carry figures (their values are checked against the definitions in desired-figures.test.ts).
    expect(res.body.desired.m).toBeGreaterThan(0);
    expect(res.body.channels.formalShare).toBeGreaterThan(0);
    expect(res.body.nodes).toHaveLength(7);
    expect(Object.keys(res.body.nodes[0]).sort()).toEqual([
      "betweenness", "closeness", "constraint", "crossings", "desiredInStrength", "effectiveSize", "id", "inDegree", "inStrength",
      "name", "outDegree", "outStrength", "pagerank", "responded", "role",
    ]);
    expect(res.body.network.n).toBe(7);
  });

  it("refuses bad parameters with 400 naming them and unknown ids with 404", async () => {
    const bad = await s.api("GET", "/api/lots/lot-1/metrics?layer=advice&missing=guess");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(["query.layer", "query.missing"]);
    expect((await s.api("GET", "/api/lots/lot-9/metrics")).status).toBe(404);
    expect((await s.api("GET", "/api/lots/lot-1/metrics?wave=w-none")).status).toBe(404);
    expect((await s.api("GET", "/api/calls/none/comparison")).status).toBe(404);
    const change = await s.api("GET", "/api/lots/lot-1/change?from=w-2024-02");
    expect(change.status).toBe(400);
    expect(change.body.error.details[0].path).toBe("query.to");
  });
});

describe("figures are computed once", () => {
  let s: TestServer;
  let beta = "";
  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    await s.api("POST", "/api/calls/import", { body: smallCall() });
    const inv = await s.api("POST", "/api/waves/t-call-w1/invitations");
    const link: string = inv.body.invitations.find((i: any) => i.organisation === "beta").link;
    beta = link.slice(link.lastIndexOf("/") + 1);
  });
  afterAll(() => s.stop());

  it("recomputes only the lot and wave of a submission", async () => {
    const a1 = (await s.api("GET", "/api/lots/t-call-lot-a/metrics")).body;
    await s.api("GET", "/api/lots/t-call-lot-b/metrics");
    expect(a1.network.m).toBe(0);
    const computed = s.metrics.computations;

    // Served from the cache: no new computation.
    await s.api("GET", "/api/lots/t-call-lot-a/metrics");
    await s.api("GET", "/api/lots/t-call-lot-b/metrics");
    expect(s.metrics.computations).toBe(computed);

    // A draft changes nothing; a submission makes lot A's figures stale, and only those.
    await s.api("PUT", "/api/my/circle", { token: beta, body: { ties: [{ partner: "alpha", forms: { support: 3 } }] } });
    expect((await s.api("GET", "/api/lots/t-call-lot-a/metrics")).body.network.m).toBe(0);
    await s.api("POST", "/api/my/circle/submit", { token: beta, body: { ties: [{ partner: "alpha", forms: { support: 3 } }] } });
    const a2 = (await s.api("GET", "/api/lots/t-call-lot-a/metrics")).body;
    expect(a2.network.m).toBe(1);
    expect(a2.network.respondents).toBe(1);
    expect(s.metrics.computations).toBe(computed + 1);
    await s.api("GET", "/api/lots/t-call-lot-b/metrics");
    expect(s.metrics.computations).toBe(computed + 1);
  });

  it("serves cached figures as bytes with an ETag: 304 when held, gzipped once, a new tag when they change", async () => {
    for (const path of ["/api/lots/t-call-lot-a/metrics?layer=support", "/api/calls/t-call/comparison?layer=support"]) {
      const first = await raw(s.url + path);
      expect(first.status).toBe(200);
      expect(first.headers["content-encoding"]).toBeUndefined();
      expect(first.headers["cache-control"]).toBe("private, no-cache");
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const computed = s.metrics.computations;

      // The browser holds these bytes: 304 without a body.
      const held = await raw(s.url + path, { "if-none-match": `"other", ${etag}` });
      expect(held.status).toBe(304);
      expect(held.body.length).toBe(0);
      expect(held.headers.etag).toBe(etag);
      // Gzipped for a client that accepts it: the same JSON, the same tag.
      const zipped = await raw(s.url + path, { "accept-encoding": "br;q=0.5, gzip" });
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.etag).toBe(etag);
      expect(gunzipSync(zipped.body).equals(first.body)).toBe(true);
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      expect(s.metrics.computations).toBe(computed);

      // A renamed lot is a new answer with a new tag; the old tag no longer matches.
      const renamed = await s.api("PATCH", "/api/lots/t-call-lot-a", { body: { name: `Lot A ${path.length}` } });
      expect(renamed.status).toBe(200);
      const after = await raw(s.url + path, { "if-none-match": etag });
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(JSON.parse(after.body.toString()).lot?.name ?? JSON.parse(after.body.toString()).lots[0].lot.name).toBe(`Lot A ${path.length}`);
    }
    // A submission makes the figures stale: new bytes, new tag.
    const before = await raw(s.url + "/api/lots/t-call-lot-a/metrics?layer=support");
    await s.api("POST", "/api/my/circle/submit", { token: beta, body: { ties: [{ partner: "alpha", forms: { support: 1 } }, { partner: "gamma", forms: { support: 2 } }] } });
    const after = await raw(s.url + "/api/lots/t-call-lot-a/metrics?layer=support", { "if-none-match": before.headers.etag as string });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString()).network.m).toBe(2);
  });

  it("reports change between two waves of a lot", async () => {
    const res = await s.api("GET", "/api/lots/t-call-lot-a/change?from=t-call-w1&to=t-call-w1");
    expect(res.status).toBe(200);
    expect(res.body.change.arcJaccard).toBe(1);
    expect(res.body.change.added).toEqual([]);
  });
});
