import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { routeTable } from "../../api/http/app.ts";
import { directRoutes } from "../../api/http/direct-routes.ts";
import type { RouteDef } from "../../api/http/routes.ts";
import { DURING_WAVE, inviteAll, tokenOf } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";

// A small limit, so that both paths can be seen counting against it.
process.env.RATE_LIMIT_PER_MINUTE = "60";

let s: TestServer | undefined;
let plain: Server | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
  await new Promise((done) => (plain ? plain.close(done) : done(undefined)));
  plain = undefined;
});

/** Headers that differ from one answer to the next whichever path gave it. */
const VARYING = new Set(["date", "ratelimit", "content-length", "keep-alive", "connection"]);
const steadyHeaders = (h: Headers) => [...h].filter(([name]) => !VARYING.has(name)).sort(([a], [b]) => a.localeCompare(b));

/** A save's answer without what changes from one save to the next. */
const steadyBody = (body: any) => (body?.saved ? { ...body, saved: { ...body.saved, version: 0, savedAt: "", submittedAt: body.saved.submittedAt && "" } } : body);

describe("routes answered before Express", () => {
  /**
   * Express matches a path with a trailing slash too; the direct path takes only the
   * exact one. So the same route is asked once each way, and must answer the same.
   */
  it("answer as the same route does through Express: successes, refusals and errors", async () => {
    // The direct routes asked below; a new one fails here until it is asked too.
    const table = routeTable({ store: undefined as never, metrics: undefined as never, mail: undefined as never, waveMail: undefined as never, now: () => new Date(), log: () => {} });
    expect(table.filter((r) => r.direct).map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual([
      "GET /api/calls/:callId/comparison",
      "GET /api/lots/:lotId/metrics",
      "POST /api/my/circle/submit",
      "PUT /api/my/circle",
    ]);
    s = await startTestServer({ now: DURING_WAVE });
    const respondent = tokenOf((await inviteAll(s)).get("beta")!);
    const evaluator = (await s.api("POST", "/api/tokens", { body: { name: "reader" } })).body.token as string;
    const circle = { ties: [{ partner: "alpha", forms: { information: 3 } }] };
    const cases: Array<[string, string, string | null, unknown]> = [
      ["PUT", "/api/my/circle", respondent, circle],
      ["POST", "/api/my/circle/submit", respondent, circle],
      ["GET", "/api/lots/t-call-lot-a/metrics?layer=support", evaluator, undefined],
      ["GET", "/api/calls/t-call/comparison?missing=reconstruct", ADMIN, undefined],
      // Refusals and errors: unknown token, wrong role, a broken rule, bad JSON, a bad query, an unknown lot.
      ["PUT", "/api/my/circle", `${respondent}x`, circle],
      ["PUT", "/api/my/circle", evaluator, circle],
      ["POST", "/api/my/circle/submit", respondent, { ties: [{ partner: "beta", forms: { information: 3 } }] }],
      ["PUT", "/api/my/circle", respondent, "{"],
      ["GET", "/api/lots/t-call-lot-a/metrics?layer=advice", evaluator, undefined],
      ["GET", "/api/lots/no-such-lot/metrics", evaluator, undefined],
      ["GET", "/api/calls/t-call/comparison", respondent, undefined],
    ];
    for (const [method, path, token, body] of cases) {
      const [route, query] = path.split("?");
      const ask = (p: string) =>
        s!.api(method, p, { token, ...(typeof body === "string" ? { raw: body } : body !== undefined && { body }) });
      const direct = await ask(path);
      const throughExpress = await ask(`${route}/${query ? `?${query}` : ""}`);
      const what = `${method} ${path} as ${token === respondent ? "respondent" : token === evaluator ? "evaluator" : token === ADMIN ? "admin" : "unknown"}`;
      expect(direct.status, what).toBe(throughExpress.status);
      expect(steadyBody(direct.body), what).toEqual(steadyBody(throughExpress.body));
      expect(steadyHeaders(direct.headers), what).toEqual(steadyHeaders(throughExpress.headers));
      expect(direct.headers.get("ratelimit"), what).toMatch(/^"60-in-1min"; r=\d+; t=\d+$/);
    }
    // Each way's request is in the request log, with its caller.
    expect(s.logs.filter((l) => /^PUT \/api\/my\/circle 200 [\d.]+ms respondent#\d+$/.test(l)).length).toBe(1);
    expect(s.logs.filter((l) => /^PUT \/api\/my\/circle\/ 200 [\d.]+ms respondent#\d+$/.test(l)).length).toBe(1);
  });

  it("count against the same rate limit as every other route", async () => {
    s = await startTestServer({ now: DURING_WAVE });
    const evaluator = (await s.api("POST", "/api/tokens", { body: { name: "reader" } })).body.token as string;
    const used = () => Number(/r=(\d+)/.exec(lastLimit)![1]);
    let lastLimit = "";
    const ask = async (path: string) => {
      const res = await s!.api("GET", path, { token: evaluator });
      lastLimit = res.headers.get("ratelimit") ?? lastLimit;
      return res;
    };
    await ask("/api/calls");
    const before = used();
    await ask("/api/calls/no-such-call/comparison");
    expect(used()).toBe(before - 1);
    await ask("/api/calls");
    expect(used()).toBe(before - 2);
    let refused;
    for (let i = 0; i < 60 && !refused; i++) {
      const res = await ask("/api/calls/no-such-call/comparison");
      if (res.status === 429) refused = res;
    }
    expect(refused?.body.error.code).toBe("rate_limited");
    expect(refused?.headers.get("cache-control")).toBe("no-store");
    expect((await ask("/api/calls")).status).toBe(429);
  });

  it("take only an exact path with a bearer token; everything else goes to Express", async () => {
    const route: RouteDef = { method: "put", path: "/api/things/:thingId", roles: ["admin"], response: { redirect: "/" }, handle: () => undefined };
    const seen: string[] = [];
    const app: RequestListener = (req, res) => {
      seen.push(`express ${req.method} ${req.url}`);
      res.end();
    };
    const step = (req: IncomingMessage & { params?: Record<string, string>; query?: Record<string, unknown> }, res: { end: () => void }) => {
      seen.push(`direct ${req.method} ${JSON.stringify(req.params)} ${JSON.stringify(req.query)}`);
      res.end();
    };
    const listener = directRoutes({ routes: [{ route, steps: [step as never] }], headers: new Map([["X-Test", "1"]]), log: () => {}, trust: () => false, app });
    plain = createServer(listener);
    const url = await new Promise<string>((done) => plain!.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${(plain!.address() as { port: number }).port}`)));
    const bearer = { authorization: "Bearer x".padEnd(30, "x") };
    for (const [method, path, headers] of [
      ["PUT", "/api/things/a1?x=1&x=2", bearer],
      ["PUT", "/api/things/a1", {}],
      ["PUT", "/api/things/a1/", bearer],
      ["PUT", "/API/things/a1", bearer],
      ["PUT", "/api/things/a%31", bearer],
      ["PUT", "/api/things/a1/more", bearer],
      ["POST", "/api/things/a1", bearer],
    ] as const) {
      await fetch(url + path, { method, headers });
    }
    expect(seen).toEqual([
      `direct PUT {"thingId":"a1"} {"x":["1","2"]}`,
      "express PUT /api/things/a1",
      "express PUT /api/things/a1/",
      "express PUT /API/things/a1",
      "express PUT /api/things/a%31",
      "express PUT /api/things/a1/more",
      "express POST /api/things/a1",
    ]);
  });
});
