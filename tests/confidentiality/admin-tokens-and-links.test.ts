import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOOPBACK_ORIGINS, linkOrigin, parseAllowedHosts, parsePublicUrl } from "../../api/access/link-origin.ts";
import { startServer } from "../../api/server.ts";
import { DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";

const OLD = "old-admin-token-0123456789abcdef0123";
const NEW = "new-admin-token-0123456789abcdef0123";

async function call(url: string, path: string, token: string, init: RequestInit = {}) {
  const res = await fetch(url + path, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
}

/** A POST with headers fetch would not let us set (Host). */
function post(url: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((done, fail) => {
    const req = request(url + path, { method: "POST", headers: { authorization: `Bearer ${ADMIN}`, ...headers } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => done({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("admin tokens", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-admin-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("rotating ADMIN_TOKEN revokes the previous one at the next start", async () => {
    const databasePath = join(dir, "rotate.db");
    const first = await startServer({ databasePath, port: 0, adminToken: OLD, log: () => {} });
    expect((await call(first.url, "/api/session", OLD)).status).toBe(200);
    await first.close();

    const second = await startServer({ databasePath, port: 0, adminToken: NEW, log: () => {} });
    try {
      expect((await call(second.url, "/api/session", OLD)).status).toBe(401);
      expect((await call(second.url, "/api/session", NEW)).body).toEqual({ role: "admin", name: "ADMIN_TOKEN", via: "bearer" });
      const { body } = await call(second.url, "/api/admin-tokens", NEW);
      expect(body.tokens.map((t: any) => [t.name, t.revokedAt !== undefined, t.yours])).toEqual([
        ["ADMIN_TOKEN", true, false],
        ["ADMIN_TOKEN", false, true],
      ]);
    } finally {
      await second.close();
    }
    // A retired secret cannot be brought back through the environment.
    await expect(startServer({ databasePath, port: 0, adminToken: OLD, log: () => {} })).rejects.toThrow(/ADMIN_TOKEN was revoked/);
  });

  it("admins list, make and revoke admin tokens, but never the last live one", async () => {
    const s = await startTestServer();
    try {
      const made = await s.api("POST", "/api/admin-tokens", { body: { name: "second admin" } });
      expect(made.status).toBe(201);
      expect((await s.api("GET", "/api/session", { token: made.body.token })).body.role).toBe("admin");
      const listed = (await s.api("GET", "/api/admin-tokens")).body.tokens;
      expect(listed.map((t: any) => t.name)).toEqual(["ADMIN_TOKEN", "second admin"]);
      expect(JSON.stringify(listed)).not.toContain(made.body.token);

      // The second admin revokes the first; then it is the last one and cannot go.
      const envId = listed[0].id;
      expect((await s.api("DELETE", `/api/admin-tokens/${envId}`, { token: made.body.token })).status).toBe(200);
      expect((await s.api("GET", "/api/session")).status).toBe(401);
      const last = await s.api("DELETE", `/api/admin-tokens/${made.body.id}`, { token: made.body.token });
      expect(last.status).toBe(409);
      expect(last.body.error.code).toBe("last_admin");
      expect((await s.api("GET", "/api/session", { token: made.body.token })).status).toBe(200);

      // An evaluator token is not an admin token.
      const evaluator = (await s.api("POST", "/api/tokens", { body: { name: "ev" }, token: made.body.token })).body;
      expect((await s.api("DELETE", `/api/admin-tokens/${evaluator.id}`, { token: made.body.token })).status).toBe(404);
    } finally {
      await s.stop();
    }
  });
});

describe("invitation links", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
  });
  afterAll(() => s.stop());

  it("without PUBLIC_URL, are made for the loopback host the admin used", async () => {
    const res = await s.api("POST", "/api/waves/t-call-w1/invitations");
    expect(res.status).toBe(201);
    for (const i of res.body.invitations) expect(i.link).toMatch(new RegExp(`^${s.url}/c/[A-Za-z0-9_-]{43}$`));
  });

  it("are refused for a host that is not allowed, whatever X-Forwarded-Proto says", async () => {
    for (const headers of <Array<Record<string, string>>>[{ host: "evil.example" }, { host: "127.0.0.1.evil.example" }, { "x-forwarded-proto": "javascript", "x-forwarded-host": "evil.example" }]) {
      const live = (await s.api("GET", "/api/waves/t-call-w1/invitations")).body.invitations.find((i: any) => !i.revokedAt);
      const res = await post(s.url, `/api/invitations/${live.id}/reissue`, headers);
      if (headers.host === undefined) {
        // Only the Host header counts, and the scheme of a loopback host is plain HTTP.
        expect(res.status).toBe(201);
        expect(res.body.link).toMatch(new RegExp(`^${s.url}/c/`));
        continue;
      }
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("link_host_not_allowed");
      expect(res.body.error.details[0]).toMatchObject({ path: "headers.host" });
      expect(res.body.error.message).toMatch(/PUBLIC_URL/);
    }
  });

  it("come from PUBLIC_URL or the allowlist only", () => {
    expect(parsePublicUrl("https://netwerkcirkel.example/")).toBe("https://netwerkcirkel.example");
    for (const bad of ["javascript://x", "netwerkcirkel.example", "https://x.example/?a=1"]) expect(() => parsePublicUrl(bad)).toThrow(/PUBLIC_URL/);
    const allowed = parseAllowedHosts("nc.example, http://10.0.0.5:3000");
    expect(linkOrigin("NC.example", allowed)).toBe("https://nc.example");
    expect(linkOrigin("10.0.0.5:3000", allowed)).toBe("http://10.0.0.5:3000");
    expect(linkOrigin("10.0.0.5:3001", allowed)).toBeUndefined();
    expect(linkOrigin("evil.example", allowed)).toBeUndefined();
    expect(linkOrigin("localhost:3000", allowed)).toBeUndefined();
    expect(linkOrigin("localhost:3000", LOOPBACK_ORIGINS)).toBe("http://localhost:3000");
    expect(linkOrigin("[::1]:80", LOOPBACK_ORIGINS)).toBe("http://[::1]:80");
    expect(linkOrigin("localhost@evil.example", LOOPBACK_ORIGINS)).toBeUndefined();
    expect(linkOrigin(undefined, LOOPBACK_ORIGINS)).toBeUndefined();
    expect(() => parseAllowedHosts("ftp://x")).toThrow(/ALLOWED_HOSTS/);
  });
});
