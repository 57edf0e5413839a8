import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createApi } from "../../api/http/app.ts";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, FAILED_AUTH_SHARE } from "../../api/http/rate-limit.ts";
import { startServer } from "../../api/server.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { inviteAll } from "./child-server.ts";
import { fillPath, smallCallParams } from "./route-params.ts";

// The default limits are under test here, whatever the environment says.
delete process.env.RATE_LIMIT_PER_MINUTE;

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** A server with the small call imported, an evaluator, and every invitation of its wave. */
async function serverWithTokens() {
  s = await startTestServer({ now: DURING_WAVE });
  expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
  const respondents = await inviteAll(s, "t-call-w1");
  const evaluator = (await s.api("POST", "/api/tokens", { body: { name: "reader" } })).body.token as string;
  return { s, respondents, evaluator, all: [ADMIN, evaluator, ...respondents.values()] };
}

describe("tokens at rest", () => {
  it("stores only SHA-256 hashes: no token is anywhere in the database files", async () => {
    const { s, all } = await serverWithTokens();
    s.store.db.pragma("wal_checkpoint(FULL)");
    const bytes = Buffer.concat([readFileSync(s.dbPath), readFileSync(`${s.dbPath}-wal`)]);
    for (const token of all) expect(bytes.includes(Buffer.from(token)), "a token in plain").toBe(false);
    const hashes = s.store.db.prepare<[], { hash: string }>("SELECT hash FROM tokens").all();
    expect(hashes.length).toBe(all.length);
    for (const { hash } of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the admin token", () => {
  it("refuses to start with an ADMIN_TOKEN short enough to guess or unusable as a Bearer token", async () => {
    for (const adminToken of ["secret", "x".repeat(31), `${"x".repeat(40)}!`]) {
      await expect(startServer({ databasePath: ":memory:", port: 0, adminToken })).rejects.toThrow(/ADMIN_TOKEN must be 32-128/);
    }
  });
});

describe("rate limiting of everything that takes a token", () => {
  const failedLimit = DEFAULT_RATE_LIMIT_PER_MINUTE / FAILED_AUTH_SHARE;

  it("lets a busy address through, but stops one guessing tokens with 429 in the error shape", async () => {
    const { s, evaluator } = await serverWithTokens();
    // More successful requests than refusals may have: they count against the general limit only.
    for (let i = 0; i < failedLimit + 50; i++) expect((await s.api("GET", "/api/calls", { token: evaluator })).status).toBe(200);

    const guess = (i: number) => s.api("GET", "/api/calls", { token: `guess-${String(i).padStart(40, "0")}` });
    for (let i = 0; i < failedLimit; i++) expect((await guess(i)).status).toBe(401);
    const refused = await guess(failedLimit);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.body.error.details[0].path).toBe("headers.authorization");
    // The address is stopped for every token now, and on the respondent page path too.
    expect((await s.api("GET", "/api/calls", { token: evaluator })).status).toBe(429);
    // The public health check takes no token and is not limited.
    expect((await s.api("GET", "/api/health", { token: null })).status).toBe(200);
  });

  it("counts the respondent page, whose path carries a token, and announces the policy", async () => {
    process.env.RATE_LIMIT_PER_MINUTE = "10";
    try {
      s = await startTestServer({ now: DURING_WAVE });
    } finally {
      delete process.env.RATE_LIMIT_PER_MINUTE;
    }
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await fetch(`${s.url}/c/${"t".repeat(43)}`)).status);
    expect(statuses.slice(0, 10).every((st) => st !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
    const res = await s.api("GET", "/api/session");
    expect(res.headers.get("ratelimit-policy")).toMatch(/q=10/);
  });
});

describe("security headers", () => {
  const CSP = ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'self'", "base-uri 'self'", "form-action 'self'"];

  const expectHardened = (h: Headers, what: string) => {
    const csp = h.get("content-security-policy") ?? "";
    for (const directive of CSP) expect(csp, what).toContain(directive);
    expect(csp, what).not.toMatch(/script-src[^;]*unsafe/);
    expect(h.get("x-content-type-options"), what).toBe("nosniff");
    expect(h.get("referrer-policy"), what).toBe("no-referrer");
    expect(h.get("x-frame-options"), what).toBe("SAMEORIGIN");
    expect(h.get("cross-origin-opener-policy"), what).toBe("same-origin");
    expect(h.get("x-powered-by"), what).toBeNull();
  };

  it("sends a content security policy and the security headers with every page", async () => {
    const { s, respondents } = await serverWithTokens();
    const { app } = createApi({ store: s.store, metrics: s.metrics, mail: s.mail, waveMail: undefined as never, now: () => DURING_WAVE, log: () => {} });
    // Every browser page the app serves, read from its router: a page added later is checked too.
    const pages = (app.router.stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>)
      .flatMap((l) => (l.route && l.route.methods.get && !l.route.path.startsWith("/api") ? [l.route.path] : []))
      .filter((path) => !path.startsWith("/favicon."));
    expect(pages).toContain("/c/:token");
    const values = { ...smallCallParams(), token: respondents.get("gamma")! };
    for (const page of pages) {
      const path = fillPath(page, values);
      const res = await fetch(s.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      expectHardened(res.headers, path);
    }
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const res = await fetch(s.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^image\/svg\+xml/);
      expectHardened(res.headers, path);
    }
  });

  it("sends them with API answers too, successes and errors alike, never cached", async () => {
    const { s } = await serverWithTokens();
    for (const [path, token, status] of [
      ["/api/health", null, 200],
      ["/api/calls", ADMIN, 200],
      ["/api/calls", null, 401],
      ["/api/no-such-endpoint", ADMIN, 404],
    ] as const) {
      const res = await s.api("GET", path, { token });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      expectHardened(res.headers, path);
    }
  });
});

describe("the log", () => {
  it("never holds a token: not from headers, the respondent page path, refusals or a failure", async () => {
    const { s, respondents, evaluator, all } = await serverWithTokens();
    const respondent = respondents.get("gamma")!;
    const circle = { ties: [{ partner: "alpha", forms: { information: 3 } }] };
    await s.api("GET", "/api/session", { token: evaluator });
    await s.api("GET", "/api/my/circle/context", { token: respondent });
    expect((await s.api("PUT", "/api/my/circle", { token: respondent, body: circle })).status).toBe(200);
    await s.api("GET", "/api/calls", { token: respondent }); // 403
    await s.api("GET", `/api/calls?token=${evaluator}`, { token: `${evaluator}x` }); // 401, token in the query
    await s.api("GET", `/api/calls/${evaluator}`, { token: evaluator }); // a token pasted into the path: 404
    await fetch(`${s.url}/c/${respondent}`);
    await fetch(`${s.url}/C%2f${respondent}`);

    // A real failure: the database refuses writes, so the save is a 500, logged with its stack.
    s.store.db.pragma("query_only = ON");
    const failed = await s.api("POST", "/api/my/circle/submit", { token: respondent, body: circle });
    s.store.db.pragma("query_only = OFF");
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe("internal");

    const log = s.logs.join("\n");
    for (const token of [...all, `${evaluator}x`]) expect(log.includes(token), "a token in the log").toBe(false);
    expect(log).toMatch(/^GET \/c\/\[token\] 200 /m);
    expect(log).toMatch(/^PUT \/api\/my\/circle 200 [\d.]+ms respondent#\d+$/m);
    expect(log).toMatch(/^GET \/api\/calls 401 /m);
    expect(log).toMatch(/^GET \/api\/calls\/\[redacted\] 404 [\d.]+ms evaluator#\d+$/m);
    expect(log).toMatch(/^error POST \/api\/my\/circle\/submit: .*readonly/m);
    expect(log).toMatch(/^POST \/api\/my\/circle\/submit 500 /m);
  });
});
