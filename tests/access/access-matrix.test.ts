import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeTable } from "../../api/http/app.ts";
import type { Role } from "../../api/store/token-store.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { tokenSession } from "../helpers/sessions.ts";

type Caller = Role | "nobody" | "evaluator session" | "admin session";
const CALLERS: Caller[] = ["nobody", "respondent", "evaluator", "admin", "evaluator session", "admin session"];
const roleOf = (c: Caller): Role | "nobody" => (c === "evaluator session" ? "evaluator" : c === "admin session" ? "admin" : c);

/**
 * Every endpoint against every role, by bearer token and by browser session,
 * generated from the route table itself: a new route is covered the moment it is
 * declared, and cannot escape the check.
 */
describe("access matrix", () => {
  let s: TestServer;
  const tokens: Partial<Record<Caller, string>> = {};
  let victimTokenId = 0;
  const params: Record<string, string> = {
    callId: "t-call",
    lotId: "t-call-lot-a",
    waveId: "t-call-w1",
    organisationId: "beta",
    fromWave: "t-call-w1",
    toWave: "t-call-w1",
  };

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    await s.api("POST", "/api/calls/import", { body: smallCall() });
    const inv = await s.api("POST", "/api/waves/t-call-w1/invitations");
    const link: string = inv.body.invitations.find((i: any) => i.organisation === "gamma").link;
    tokens.respondent = link.slice(link.lastIndexOf("/") + 1);
    tokens.evaluator = (await s.api("POST", "/api/tokens", { body: { name: "matrix" } })).body.token;
    tokens.admin = undefined; // the helper's default is the admin token
    victimTokenId = (await s.api("POST", "/api/tokens", { body: { name: "victim" } })).body.id;
  });
  afterAll(() => s.stop());

  const table = routeTable({ store: undefined as never, metrics: undefined as never, mail: undefined as never, waveMail: undefined as never, now: () => new Date(), log: () => {} });

  it("declares every route with its roles", () => {
    expect(table.length).toBeGreaterThan(10);
    for (const r of table) expect(r.roles === "public" || r.roles.length > 0).toBe(true);
  });

  /** A fresh browser session for each test (a test may sign itself out). */
  const session = (token: string) => tokenSession(s, token);

  for (const route of table) {
    for (const caller of CALLERS) {
      const role = roleOf(caller);
      const allowed = route.roles === "public" || (role !== "nobody" && route.roles.includes(role));
      it(`${route.method.toUpperCase()} ${route.path} as ${caller}: ${allowed ? "allowed" : "refused"}`, async () => {
        const path = route.path.replace(/:(\w+)/g, (_m, name: string) =>
          name === "tokenId" ? String(victimTokenId) : (params[name] ?? "1"),
        );
        const bySession = caller.endsWith(" session");
        const token = bySession || caller === "nobody" ? null : caller === "admin" ? undefined : tokens[caller as Role];
        const headers: Record<string, string> = bySession ? { ...(await session(role === "admin" ? ADMIN : tokens.evaluator!)) } : route.signIn ? { origin: s.url } : {};
        const hasBody = route.method !== "get" && route.method !== "delete";
        const res = await s.api(route.method.toUpperCase(), path, { token, headers, ...(hasBody && { body: {} }) });
        if (allowed) {
          expect([401, 403]).not.toContain(res.status);
          expect(res.status).toBeLessThan(500);
        } else {
          expect(res.status).toBe(role === "nobody" ? 401 : 403);
          expect(res.body.error.code).toBe(role === "nobody" ? "unauthorized" : "forbidden");
        }
      });
    }
  }

  it("does not let a respondent read another organisation's circle", async () => {
    const res = await s.api("GET", "/api/waves/t-call-w1/circles/beta", { token: tokens.respondent! });
    expect(res.status).toBe(403);
    const own = await s.api("GET", "/api/my/circle/context", { token: tokens.respondent! });
    expect(own.body.organisation.id).toBe("gamma");
  });

  it("answers a malformed or unknown token with 401", async () => {
    for (const header of ["Bearer", "Bearer short", "Basic abcdefghijklmnopqrstuvwxyz", `Bearer ${"x".repeat(43)}`]) {
      const res = await s.api("GET", "/api/calls", { token: null, headers: { authorization: header } });
      expect(res.status).toBe(401);
    }
  });

  it("refuses a write with a session cookie from another site, or that does not say where it comes from", async () => {
    const { cookie } = await session(ADMIN);
    const write = (headers: Record<string, string>) =>
      s.api("POST", "/api/tokens", { token: null, body: { name: "from elsewhere" }, headers: { cookie, ...headers } });
    for (const headers of [{} as Record<string, string>, { origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site", origin: s.url }, { "sec-fetch-site": "same-site" }]) {
      const res = await write(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe("cross_site");
    }
    expect((await s.api("GET", "/api/tokens")).body.tokens.map((t: any) => t.name)).not.toContain("from elsewhere");
    // Reads need no proof of origin; a write from this site's own pages goes through.
    expect((await s.api("GET", "/api/tokens", { token: null, headers: { cookie } })).status).toBe(200);
    expect((await write({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await write({ origin: s.url })).status).toBe(201);
    // Signing in from another site is refused too (no session is planted in the victim's browser).
    const planted = await s.api("POST", "/api/sign-in/token", { token: null, body: { token: ADMIN }, headers: { origin: "https://evil.example" } });
    expect(planted.status).toBe(403);
    expect(planted.headers.getSetCookie()).toEqual([]);
  });

  it("takes the bearer token, never the cookie, when a request has an Authorization header", async () => {
    const { cookie } = await session(ADMIN);
    const res = await s.api("GET", "/api/tokens", { token: tokens.evaluator!, headers: { cookie } });
    expect(res.status).toBe(403);
    const broken = await s.api("GET", "/api/tokens", { token: null, headers: { cookie, authorization: "Bearer short" } });
    expect(broken.status).toBe(401);
  });
});
