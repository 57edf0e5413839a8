import { readFileSync, readdirSync, statSync } from "node:fs";
import { request } from "node:http";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { VIZ_DIST } from "../../api/http/pages.ts";
import { serverAndBrowser } from "../helpers/fixtures.ts";

const fx = serverAndBrowser({ demo: true });

/** A raw GET, so that the bytes on the wire can be counted (fetch would decompress them). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = request(fx.server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("compression", () => {
  it("sends the largest page script gzipped, at well under half its size", async () => {
    const assets = resolve(VIZ_DIST, "assets");
    const largest = readdirSync(assets).filter((f) => f.endsWith(".js")).sort((a, b) => statSync(resolve(assets, b)).size - statSync(resolve(assets, a)).size)[0]!;
    const original = readFileSync(resolve(assets, largest));
    expect(original.length).toBeGreaterThan(50_000);
    const res = await rawGet(`/assets/${largest}`, { "accept-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers.vary).toContain("Accept-Encoding");
    expect(res.body.length).toBeLessThan(original.length * 0.4);
    expect(gunzipSync(res.body).equals(original)).toBe(true);
  });

  it("compresses large API answers too, and sends plain bytes to a client that asks for none", async () => {
    const headers = { authorization: "Bearer test-admin-token-0123456789abcdef" };
    const br = await rawGet("/api/calls/cc-2023/export?format=json", { ...headers, "accept-encoding": "br, gzip" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    const plain = await rawGet("/api/calls/cc-2023/export?format=json", headers);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(plain.body.toString("utf8")).call.id).toBe("cc-2023");
  });
});

describe("favicon", () => {
  it("is served as SVG, also where a browser asks for /favicon.ico", async () => {
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const res = await fx.server.api("GET", path, { token: null });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toContain("image/svg+xml");
      expect(String(res.body)).toContain("<svg");
    }
  });

  it("is linked from every page, and no page asks for anything that is not there", async () => {
    const page = await fx.browser.newPage();
    const missing: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    for (const path of ["/", "/compose", "/c/not-a-link-0123456789abcdef", "/reports/w-2024-02/alimento"]) {
      await page.goto(fx.server.url + path, { waitUntil: "load" });
      expect(await page.locator('link[rel="icon"]').getAttribute("href"), path).toBe("/favicon.svg");
    }
    expect(missing.filter((u) => !u.includes("/api/"))).toEqual([]);
    await page.close();
  });
});
