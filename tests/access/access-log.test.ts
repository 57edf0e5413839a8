import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { createAccount, linkSession, tokenSession, type SessionHeaders } from "../helpers/sessions.ts";

const CIRCLE = { ties: [{ partner: "alpha", forms: { information: 3 } }] };

let s: TestServer;
let els: SessionHeaders;
let elsId: number;
let scriptToken: string;
let scriptTokenId: number;
let looseToken: string;
let looseTokenId: number;

beforeAll(async () => {
  s = await startTestServer({ now: DURING_WAVE });
  expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
  const link: string = (await s.api("POST", "/api/waves/t-call-w1/invitations")).body.invitations.find((i: any) => i.organisation === "beta").link;
  const beta = link.slice(link.lastIndexOf("/") + 1);
  expect((await s.api("POST", "/api/my/circle/submit", { token: beta, body: CIRCLE })).status).toBe(201);
  elsId = await createAccount(s, "els@example.org", "Els Maes", "evaluator");
  els = await linkSession(s, "els@example.org", DURING_WAVE);
  const owned = (await s.api("POST", "/api/tokens", { body: { name: "Els's R script", account: elsId } })).body;
  [scriptToken, scriptTokenId] = [owned.token, owned.id];
  const loose = (await s.api("POST", "/api/tokens", { body: { name: "Nightly export" } })).body;
  [looseToken, looseTokenId] = [loose.token, loose.id];
});
afterAll(() => s.stop());

/** The log's entries with their id above `after`, oldest first. */
async function entriesAfter(after: number): Promise<any[]> {
  const { entries } = (await s.api("GET", "/api/access-log")).body;
  return entries.filter((e: any) => e.id > after).reverse();
}
const lastId = async (): Promise<number> => (await s.api("GET", "/api/access-log")).body.entries[0]?.id ?? 0;

describe("the access log", () => {
  it("records every confidential read by a person in the browser, with what, where from and the call", async () => {
    const before = await lastId();
    const reads: Array<[path: string, kind: string]> = [
      ["/api/waves/t-call-w1/circles/beta", "circle"],
      ["/api/reports/t-call-w1/beta", "report"],
      ["/api/lots/t-call-lot-a/export?format=gexf", "network-export"],
      ["/api/lots/t-call-lot-a/graph?layer=support", "lot-network"],
      ["/api/calls/t-call/export-graph?format=csv-edges", "network-export"],
      ["/api/calls/t-call/export", "call-document"],
      ["/api/calls/t-call/export?pseudonymise=true", "call-document"],
    ];
    for (const [path] of reads) expect((await s.api("GET", path, { token: null, headers: els })).status, path).toBe(200);
    const logged = await entriesAfter(before);
    expect(logged.map((e) => [e.subject, e.kind])).toEqual([
      ["GET /api/waves/t-call-w1/circles/beta", "circle"],
      ["GET /api/reports/t-call-w1/beta", "report"],
      ["GET /api/lots/t-call-lot-a/export?format=gexf", "network-export"],
      ["GET /api/lots/t-call-lot-a/graph?layer=support", "lot-network"],
      ["GET /api/calls/t-call/export-graph?format=csv-edges", "network-export"],
      ["GET /api/calls/t-call/export", "call-document"],
      ["GET /api/calls/t-call/export?pseudonymise=true", "call-document"],
    ]);
    for (const e of logged) {
      expect(e).toMatchObject({ actor: "Els Maes <els@example.org>", accountId: elsId, tokenId: null, role: "evaluator", via: "session", callId: "t-call", at: DURING_WAVE.toISOString() });
      expect(e.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    }
  });

  it("leaves out what discloses nothing confidential: figures, pseudonymised network files, refused and failed reads", async () => {
    const before = await lastId();
    for (const path of [
      "/api/lots/t-call-lot-a/metrics",
      "/api/calls/t-call/overview",
      "/api/lots/t-call-lot-a/export?format=gexf&pseudonymise=true",
      "/api/waves/t-call-w1/circles/beta/context",
    ]) {
      expect((await s.api("GET", path, { token: null, headers: els })).status, path).toBe(200);
    }
    expect((await s.api("GET", "/api/reports/t-call-w1/nobody", { token: null, headers: els })).status).toBe(404);
    expect((await s.api("GET", "/api/waves/t-call-w1/circles/beta", { token: null })).status).toBe(401);
    expect(await entriesAfter(before)).toEqual([]);
  });

  it("names a bearer token's owner, or the token itself when it belongs to no one", async () => {
    const before = await lastId();
    expect((await s.api("GET", "/api/waves/t-call-w1/circles/beta", { token: scriptToken })).status).toBe(200);
    expect((await s.api("GET", "/api/lots/t-call-lot-a/export?format=graphml", { token: looseToken })).status).toBe(200);
    const [byScript, byLoose] = await entriesAfter(before);
    expect(byScript).toMatchObject({ actor: "Els Maes <els@example.org>", accountId: elsId, tokenId: scriptTokenId, via: "bearer", kind: "circle" });
    expect(byLoose).toMatchObject({ actor: `Nightly export (token #${looseTokenId})`, accountId: null, tokenId: looseTokenId, via: "bearer", kind: "network-export" });
  });

  it("records admin changes and paper circles, not dry runs", async () => {
    const admin = await tokenSession(s, ADMIN);
    const before = await lastId();
    expect((await s.api("PUT", "/api/waves/t-call-w1/state", { token: null, headers: admin, body: { state: "open" } })).status).toBe(200);
    expect((await s.api("POST", "/api/calls/validate", { token: null, headers: admin, body: smallCall({ id: "dry" }) })).status).toBe(200);
    expect((await s.api("PUT", "/api/waves/t-call-w1/circles/gamma", { token: null, headers: els, body: CIRCLE })).status).toBe(200);
    expect((await s.api("POST", "/api/accounts", { token: null, headers: admin, body: { email: "new@example.org", name: "New", role: "evaluator" } })).status).toBe(201);
    const logged = await entriesAfter(before);
    expect(logged.map((e) => [e.actor, e.kind, e.subject])).toEqual([
      ["ADMIN_TOKEN (token #1)", "change", "PUT /api/waves/t-call-w1/state"],
      ["Els Maes <els@example.org>", "change", "PUT /api/waves/t-call-w1/circles/gamma"],
      ["ADMIN_TOKEN (token #1)", "change", "POST /api/accounts"],
    ]);
  });

  it("records sign-ins", async () => {
    const before = await lastId();
    await linkSession(s, "els@example.org", DURING_WAVE);
    expect(await entriesAfter(before)).toMatchObject([{ actor: "Els Maes <els@example.org>", kind: "sign-in", subject: "sign-in by email-link", via: "session" }]);
  });

  it("filters by person, token, kind, call and days, and downloads as CSV", async () => {
    const byEls = (await s.api("GET", `/api/access-log?account=${elsId}`)).body;
    expect(byEls.total).toBeGreaterThan(5);
    expect(byEls.entries.every((e: any) => e.accountId === elsId)).toBe(true);
    expect(byEls.actors).toEqual(expect.arrayContaining([
      { accountId: elsId, tokenId: null, actor: "Els Maes <els@example.org>" },
      { accountId: null, tokenId: looseTokenId, actor: `Nightly export (token #${looseTokenId})` },
    ]));
    expect(byEls.retentionDays).toBe(730);
    const reports = (await s.api("GET", "/api/access-log?kind=report")).body;
    expect(reports.entries.map((e: any) => e.subject)).toEqual(["GET /api/reports/t-call-w1/beta"]);
    expect((await s.api("GET", `/api/access-log?token=${looseTokenId}`)).body.total).toBe(1);
    expect((await s.api("GET", "/api/access-log?call=other")).body.total).toBe(0);
    // Every entry so far was made on 15 June (the server's clock).
    expect((await s.api("GET", "/api/access-log?from=2026-06-15&to=2026-06-15")).body.total).toBe((await s.api("GET", "/api/access-log")).body.total);
    expect((await s.api("GET", "/api/access-log?from=2026-06-16")).body.total).toBe(0);
    expect((await s.api("GET", "/api/access-log?to=2026-06-14")).body.total).toBe(0);
    const bad = await s.api("GET", "/api/access-log?kind=gossip&from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(["query.from", "query.kind"]);

    const csv = await s.api("GET", "/api/access-log?format=csv&kind=circle");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="?access-log-2026-06-15\.csv"?$/);
    const lines = (csv.body as string).trim().split("\r\n");
    expect(lines[0]).toBe('"at","actor","accountId","tokenId","role","via","kind","callId","subject","address"');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^"2026-06-15T12:00:00.000Z","Els Maes <els@example.org>",\d+,,"evaluator","session","circle","t-call","GET \/api\/waves\/t-call-w1\/circles\/beta","/),
      expect.stringMatching(/^"2026-06-15T12:00:00.000Z","Els Maes <els@example.org>",\d+,\d+,"evaluator","bearer","circle","t-call",/),
    ]);
    // Only admins read the log.
    expect((await s.api("GET", "/api/access-log", { token: null, headers: els })).status).toBe(403);
  });

  it("cannot be edited, and keeps entries for the retention period only", async () => {
    expect(() => s.store.db.prepare("UPDATE access_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    const total = (await s.api("GET", "/api/access-log")).body.total;
    const dbPath = s.dbPath;
    // Stop the server but keep its database (stop() would delete it).
    await s.close();
    onTestFinished(() => rmSync(dirname(dbPath), { recursive: true, force: true }));
    // 31 days later, with 30 days' retention: the next start drops every entry made so far.
    s = await startTestServer({ dbPath, now: new Date(DURING_WAVE.getTime() + 31 * 86_400_000), accessLogRetentionDays: 30 });
    expect(total).toBeGreaterThan(0);
    expect((await s.api("GET", "/api/access-log")).body).toMatchObject({ total: 0, retentionDays: 30 });
    const read = await s.api("GET", "/api/waves/t-call-w1/circles/beta");
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect((await s.api("GET", "/api/access-log")).body.total).toBe(1);
    // The circle read above and the token sign-ins survived the restart: only the log was trimmed.
    expect(s.store.accounts.byEmail("els@example.org")?.name).toBe("Els Maes");
  });
});
