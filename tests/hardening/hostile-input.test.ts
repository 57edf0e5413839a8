import fc from "fast-check";
import { createHash } from "node:crypto";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimit, routeTable } from "../../api/http/app.ts";
import type { RouteDef } from "../../api/http/routes.ts";
import { formatPath } from "../../api/schema/problems.ts";
import type { Role } from "../../api/store/token-store.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { inviteAll } from "./child-server.ts";
import { fillPath, smallCallParams } from "./route-params.ts";

// Thousands of refused requests come from this one address: lift the per-address limit.
process.env.RATE_LIMIT_PER_MINUTE = "100000000";

/** Runs of every endpoint's property; the file stays well under a minute. */
const RUNS_PER_ENDPOINT = 60;

type Caller = Role | "nobody";
const CALLERS: Caller[] = ["nobody", "respondent", "evaluator", "admin"];

interface Attempt {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}
interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Send exactly these bytes and headers (fetch would refuse or rewrite some of them).
 * A body is framed by its length unless chunked is asked for: Node sends the body of
 * a GET or DELETE unframed otherwise, and the server would read it as the next request.
 */
function send(base: string, a: Attempt): Promise<Answer> {
  const framed = a.body === undefined || "transfer-encoding" in a.headers ? a.headers : { ...a.headers, "content-length": String(a.body.length) };
  return new Promise((done, fail) => {
    // The path goes as written: parsed as a URL it would lose its dot segments (%2e%2e/..).
    const req = request(base, { path: a.path, method: a.method, headers: framed, agent });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode!, contentType: String(res.headers["content-type"]), text: Buffer.concat(chunks).toString() }));
    });
    req.on("error", fail);
    req.end(a.body);
  });
}

/** A counterexample short enough to read: the body is cut after a few hundred bytes. */
const describeAttempt = (a: Attempt) =>
  `${a.method} ${a.path} ${JSON.stringify(a.headers)} body(${a.body?.length ?? 0} bytes): ${a.body?.subarray(0, 300).toString() ?? ""}`;

/**
 * The one error shape, with a path on every detail; a refusal of the input itself
 * names at least one. The path "" is the document itself (call-format.md's notation),
 * e.g. a circle that is not an object.
 */
function expectErrorShape(a: Answer, what: string): void {
  expect(a.contentType, what).toMatch(/^application\/json/);
  const body = JSON.parse(a.text);
  expect(Object.keys(body), what).toEqual(["error"]);
  expect(typeof body.error.code, what).toBe("string");
  expect(typeof body.error.message, what).toBe("string");
  expect(Array.isArray(body.error.details), what).toBe(true);
  for (const d of body.error.details) {
    expect(typeof d.path, what).toBe("string");
    expect(typeof d.message, what).toBe("string");
  }
  if ([400, 401, 403, 413, 415, 429, 431].includes(a.status)) expect(body.error.details.length, what).toBeGreaterThan(0);
}

// --- what is thrown at the endpoints ---------------------------------------------------

const HOSTILE_SEGMENTS = [
  "", "..", "%2e%2e", "%00", "%", "%zz", "%E0%A4%A", "__proto__", "constructor", "prototype", "-1", "0", "1.5", "1e309", "NaN",
  "99999999999999999999999", "%20", "t-call%2F..%2F..", "'%3B%20DROP%20TABLE%20calls%3B--", "%F0%9F%92%A9", "a".repeat(65), "x".repeat(4000),
];

const segment = (known: string) =>
  fc.oneof(
    { arbitrary: fc.constant(known), weight: 6 },
    { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }).map(encodeURIComponent), weight: 2 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{60,200}$/), weight: 1 },
  );

const QUERY_KEYS = ["wave", "layer", "missing", "format", "from", "to", "history", "__proto__", "constructor[prototype][x]", "layer[]", "wave[a]", ""];
const QUERY_VALUES = ["t-call-w1", "all", "information", "support", "cocreation", "observed", "reconstruct", "json", "csv", "", "%", "%zz", "a".repeat(3000)];

const query = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 20 }).map(encodeURIComponent)),
      fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ unit: "grapheme", maxLength: 60 }).map(encodeURIComponent)),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,200}$/).map((v) => v.trim());

const hostileHeaders = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=latin1",
      "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/*", "garbage",
    ),
    "content-encoding": fc.constantFrom("gzip", "deflate", "br", "identity", "x-unknown"),
    authorization: fc.oneof(
      fc.constantFrom("Bearer", "Bearer ", "bearer", "Basic dXNlcjpwYXNz", `Bearer ${"x".repeat(200)}`),
      headerValue.map((v) => `Bearer ${v}`),
      headerValue,
    ),
    "x-forwarded-for": fc.oneof(fc.constantFrom("127.0.0.1", "::1", "10.0.0.1, 10.0.0.2", "not-an-ip", ""), headerValue),
    accept: fc.constantFrom("*/*", "text/html", "application/xml", ""),
    "x-hostile": headerValue,
  },
  { requiredKeys: [] },
);

/** Valid bodies of the API to start mutating from: a call document, a circle, a proposal, a token name. */
const SAMPLES: unknown[] = [
  smallCall({ id: "fuzz" }),
  { ties: [{ partner: "alpha", forms: { information: 3, support: 2 } }, { partner: "ext", forms: { cocreation: 1 } }] },
  { name: "Fuzz proposal", lots: [{ name: "Lot", coordinator: "alpha", members: ["alpha", "beta"] }] },
  { history: "all", proposals: [{ name: "P", lots: [{ name: "L", coordinator: null, members: ["alpha"] }] }] },
  { name: "fuzz" },
];

/** Every path into a JSON value, to replace one of them. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== "object") return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))];
}

function replaceAt(value: unknown, at: Array<string | number>, by: unknown): unknown {
  if (at.length === 0) return by;
  const [head, ...rest] = at;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head!] = replaceAt(copy[head!], rest, by);
  return copy;
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 0, 5, 1.5, 1e308, "", " ", "x".repeat(10_000), [], {}, { __proto__: { polluted: true } }, "2026-02-30", "9999-99-99"),
  fc.array(fc.constant({ partner: "alpha", forms: { information: 1 } }), { minLength: 490, maxLength: 520 }),
  fc.constant(Array.from({ length: 2100 }, (_, i) => ({ id: `o${i}`, name: `Organisation ${i}` }))),
);

const mutatedSample = fc
  .integer({ min: 0, max: SAMPLES.length - 1 })
  .chain((i) => fc.tuple(fc.constant(SAMPLES[i]), fc.constantFrom(...paths(SAMPLES[i])), hostileValue))
  .map(([sample, at, by]) => Buffer.from(JSON.stringify(replaceAt(sample, at, by))));

const body = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: mutatedSample, weight: 5 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? "null")), weight: 2 },
  {
    arbitrary: fc.oneof(
      fc.constantFrom('{', '{"ties":', '[1,2', 'nul', '{"a":1}}', '"\\ud800"', '{"ties":[{"partner":"alpha","forms":{"information":1}},]}', "[".repeat(100_000), "\u0000"),
      fc.string({ unit: "binary", maxLength: 200 }),
    ).map((t) => Buffer.from(t)),
    weight: 2,
  },
  { arbitrary: fc.constant(gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20))), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), weight: 1 },
);

// --- the database, before and after ---------------------------------------------------

/** A hash of every table's rows; `except` leaves tables out (the access log, which a read of confidential data appends to). */
function digest(s: TestServer, except: string[] = []): string {
  const hash = createHash("sha256");
  const tables = s.store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  for (const { name } of tables.filter((t) => !except.includes(t.name))) {
    const rows = s.store.db.prepare(`SELECT * FROM "${name}"`).raw().all().map((r) => JSON.stringify(r)).sort();
    hash.update(`${name}\n${rows.join("\n")}\n`);
  }
  return hash.digest("hex");
}

describe("hostile input at every endpoint, for every role", () => {
  let s: TestServer;
  let tried = 0;
  const statuses = new Map<number, number>();
  const tokens: Partial<Record<Caller, string>> = {};
  const known = smallCallParams();

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
    const invited = await inviteAll(s, known.waveId!);
    tokens.respondent = invited.get("gamma")!;
    // The invitation remembers its first visit; every later read must write nothing.
    expect((await s.api("GET", "/api/my/circle/context", { token: tokens.respondent })).status).toBe(200);
    tokens.admin = ADMIN;
    tokens.evaluator = (await s.api("POST", "/api/tokens", { body: { name: "fuzz" } })).body.token;
    known.tokenId = String((await s.api("POST", "/api/tokens", { body: { name: "victim" } })).body.id);
    known.id = String((await s.api("POST", "/api/composition/proposals", { body: SAMPLES[2] })).body.proposal.id);
    // A sacrificial invitation: revoking or re-issuing it must not cut off the respondent under test.
    const invitations = (await s.api("GET", `/api/waves/${known.waveId}/invitations`)).body.invitations as Array<{ id: number; organisation: string }>;
    known.invitationId = String(invitations.find((i) => i.organisation === "alpha")!.id);
  });
  afterAll(async () => {
    const answered = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
    console.log(`hostile inputs tried: ${tried} (property runs answered ${answered.join(", ")})`);
    agent.destroy();
    await s.stop();
    delete process.env.RATE_LIMIT_PER_MINUTE;
  });

  const table = routeTable({ store: undefined as never, metrics: undefined as never, mail: undefined as never, waveMail: undefined as never, now: () => new Date(), log: () => {} });

  const attempt = (route: RouteDef) => {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const allowed = CALLERS.filter((c) => route.roles === "public" || (c !== "nobody" && route.roles.includes(c)));
    return fc
      .record({
        caller: fc.oneof({ arbitrary: fc.constantFrom(...(allowed.length ? allowed : CALLERS)), weight: 4 }, { arbitrary: fc.constantFrom(...CALLERS), weight: 1 }),
        params: fc.tuple(...names.map((n) => segment(known[n] ?? "1"))),
        query,
        headers: fc.oneof({ arbitrary: fc.constant({}), weight: 2 }, { arbitrary: hostileHeaders, weight: 1 }),
        body,
        bodyOnGet: fc.boolean(),
      })
      .map(({ caller, params, query, headers, body, bodyOnGet }): Attempt => {
        let i = 0;
        const path = route.path.replace(/:(\w+)/g, () => params[i++]!) + query;
        const token = caller === "nobody" ? undefined : tokens[caller];
        const withBody = body !== undefined && (route.method !== "get" || bodyOnGet);
        const a: Attempt = {
          method: route.method.toUpperCase(),
          path,
          headers: {
            ...(token !== undefined && { authorization: `Bearer ${token}` }),
            ...(withBody && { "content-type": "application/json" }),
            ...headers,
          },
          ...(withBody && { body }),
        };
        return Object.assign(a, { [fc.toStringMethod]: () => describeAttempt(a) });
      });
  };

  for (const route of table) {
    it(`${route.method.toUpperCase()} ${route.path}: never a 500, always the error shape, nothing written on refusal`, async () => {
      await fc.assert(
        fc.asyncProperty(attempt(route), async (a) => {
          tried++;
          const before = digest(s);
          const beforeExceptLog = digest(s, ["access_log"]);
          const answer = await send(s.url, a);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const what = `${a.method} ${a.path} -> ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, what).toBeLessThan(500);
          if (answer.status >= 400) {
            expectErrorShape(answer, what);
            expect(digest(s), `${what}: the database changed`).toBe(before);
          }
          if (a.method === "GET") expect(digest(s, ["access_log"]), `${what}: a read changed the database`).toBe(beforeExceptLog);
        }),
        { numRuns: RUNS_PER_ENDPOINT },
      );
    });
  }

  it("answers paths outside every route, dot segments as sent included, with a 404 in the error shape", async () => {
    for (const path of ["/api/interviews/%2e%2e/../versions/", "/versions/", "/calls/x/y/z", "/../../etc/passwd", "/assets/%2e%2e/%2e%2e/package.json"]) {
      const a = await send(s.url, { method: "GET", path, headers: { accept: "text/html" } });
      expect(a.status, path).toBe(404);
      expectErrorShape(a, path);
      expect(a.text, path).not.toContain("Cannot GET");
    }
  });

  it("bounds every string of every body: a value of 100 000 characters is refused, naming where", async () => {
    const cases: Array<[method: string, path: string, token: string, sample: unknown]> = [
      ["POST", "/api/calls/import", tokens.admin!, smallCall({ id: "bounds" })],
      ["PUT", "/api/my/circle", tokens.respondent!, SAMPLES[1]],
      ["POST", "/api/composition/proposals", tokens.evaluator!, SAMPLES[2]],
      ["POST", "/api/composition/check", tokens.evaluator!, SAMPLES[3]],
      ["POST", "/api/tokens", tokens.admin!, SAMPLES[4]],
      ["POST", "/api/calls/:callId/organisations", tokens.admin!, { id: "newcomer", name: "Newcomer Fund", initials: "NF", sector: "Bouw", lot: null }],
      ["PATCH", "/api/lots/:lotId", tokens.admin!, { name: "Renamed lot", jointCommittees: ["124"] }],
      ["POST", "/api/calls/:callId/waves", tokens.admin!, { id: "t-call-w9", name: "Wave 9", opens: "2027-01-01", closes: "2027-02-01" }],
    ];
    for (const [method, path, token, sample] of cases) {
      expect(table.some((r) => r.method === method.toLowerCase() && r.path === path), `${method} ${path} is in the route table`).toBe(true);
      const strings = paths(sample).filter((at) => typeof at.reduce((v: any, k) => v[k], sample) === "string");
      expect(strings.length).toBeGreaterThan(0);
      for (const at of strings) {
        const before = digest(s);
        const body = Buffer.from(JSON.stringify(replaceAt(sample, at, "x".repeat(100_000))));
        const a = await send(s.url, { method, path: fillPath(path, known), headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
        tried++;
        const what = `${method} ${path} with 100 000 characters at ${formatPath(at)}`;
        expect(a.status, what).toBe(400);
        expect(JSON.parse(a.text).error.details.map((d: { path: string }) => d.path).some((p: string) => p.endsWith(formatPath(at))), what).toBe(true);
        expect(digest(s), what).toBe(before);
      }
    }
  });

  const bodyRoutes = table.filter((r) => r.method !== "get" && r.roles !== "public");
  const allowedToken = (r: RouteDef) => tokens[(r.roles as readonly Role[]).includes("admin") ? "admin" : "respondent"]!;
  const pad = (bytes: number) => Buffer.from(`{"pad":"${"x".repeat(bytes - 10)}"}`);

  it("refuses a body over the route's limit with 413 in the error shape, and reads no body without a token", async () => {
    for (const route of bodyRoutes) {
      const limit = bodyLimit(route.path);
      const path = fillPath(route.path, known);
      const big = pad(limit + 1);
      for (const chunked of [false, true]) {
        const headers = { authorization: `Bearer ${allowedToken(route)}`, "content-type": "application/json", ...(chunked && { "transfer-encoding": "chunked" }) };
        const a = await send(s.url, { method: route.method.toUpperCase(), path, headers, body: big });
        tried++;
        expect(a.status, `${route.method} ${route.path}`).toBe(413);
        expectErrorShape(a, route.path);
        expect(JSON.parse(a.text).error.details[0].path).toBe("body");
      }
      const anonymous = await send(s.url, { method: route.method.toUpperCase(), path, headers: { "content-type": "application/json" }, body: big });
      tried++;
      expect(anonymous.status).toBe(401);
    }
  });

  it("takes a body just under the limit (no 413), and a compressed body is limited by its inflated size", async () => {
    const importPath = table.find((r) => r.path === "/api/calls/import")!.path;
    const under = await send(s.url, { method: "POST", path: importPath, headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" }, body: pad(bodyLimit(importPath) - 100) });
    expect(under.status).toBe(400);
    const bomb = gzipSync(Buffer.from(`{"ties":"${" ".repeat(bodyLimit("/api/my/circle") + 10)}"}`));
    expect(bomb.length).toBeLessThan(20_000);
    const inflated = await send(s.url, {
      method: "PUT",
      path: "/api/my/circle",
      headers: { authorization: `Bearer ${tokens.respondent}`, "content-type": "application/json", "content-encoding": "gzip" },
      body: bomb,
    });
    tried += 2;
    expect(inflated.status).toBe(413);
    expectErrorShape(inflated, "gzip");
  });

  it("answers requests Node itself refuses (headers too large, a broken request line) in the error shape", async () => {
    const huge = await send(s.url, { method: "GET", path: "/api/calls", headers: { authorization: `Bearer ${tokens.admin}`, "x-padding": "p".repeat(20_000) } });
    const longUrl = await send(s.url, { method: "GET", path: `/api/calls/${"c".repeat(20_000)}`, headers: { authorization: `Bearer ${tokens.admin}` } });
    for (const a of [huge, longUrl]) {
      expect(a.status).toBe(431);
      expectErrorShape(a, "431");
    }
    const raw = await new Promise<string>((done) => {
      const socket = connect(Number(new URL(s.url).port), "127.0.0.1", () => socket.end("GARBAGE / NOT-HTTP\r\n\r\n"));
      let text = "";
      socket.on("data", (c) => (text += c.toString()));
      socket.on("close", () => done(text));
    });
    tried += 3;
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expectErrorShape({ status: 400, contentType: /content-type: (\S+)/i.exec(raw)![1]!, text: raw.slice(raw.indexOf("\r\n\r\n") + 4) }, "raw");
  });
});
