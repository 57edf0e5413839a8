import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeTable } from "../../api/http/app.ts";
import type { Role } from "../../api/store/token-store.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";

type Caller = Role | "nobody";
const CALLERS: Caller[] = ["nobody", "respondent", "evaluator", "admin"];

/**
 * Every endpoint against every role, generated from the route table itself: a new
 * route is covered the moment it is declared, and cannot escape the check.
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

  for (const route of table) {
    for (const caller of CALLERS) {
      const allowed = route.roles === "public" || (caller !== "nobody" && route.roles.includes(caller));
      it(`${route.method.toUpperCase()} ${route.path} as ${caller}: ${allowed ? "allowed" : "refused"}`, async () => {
        const path = route.path.replace(/:(\w+)/g, (_m, name: string) =>
          name === "tokenId" ? String(victimTokenId) : (params[name] ?? "1"),
        );
        const token = caller === "nobody" ? null : caller === "admin" ? undefined : tokens[caller];
        const hasBody = route.method !== "get" && route.method !== "delete";
        const res = await s.api(route.method.toUpperCase(), path, { token, ...(hasBody && { body: {} }) });
        if (allowed) {
          expect([401, 403]).not.toContain(res.status);
          expect(res.status).toBeLessThan(500);
        } else {
          expect(res.status).toBe(caller === "nobody" ? 401 : 403);
          expect(res.body.error.code).toBe(caller === "nobody" ? "unauthorized" : "forbidden");
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
});
