import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { routeTable } from "../../api/http/app.ts";
import { openApiPath } from "../../api/http/openapi.ts";
import { AnswerCheck, type ApiDocument } from "../helpers/answer-check.ts";
import { launchBrowser, signInStaff } from "../helpers/browser.ts";
import { SCREENSHOTS } from "../helpers/screenshots.ts";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";

let s: TestServer;
let document: ApiDocument & { openapi: string };

beforeAll(async () => {
  s = await startTestServer({ demo: true });
  const res = await fetch(`${s.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  document = (await res.json()) as typeof document;
});
afterAll(() => s.stop());

describe("the API document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("lists every route of the route table, each with what it answers: JSON with its schema, a file or a redirect", () => {
    const table = routeTable({ store: undefined as never, metrics: undefined as never, mail: undefined as never, waveMail: undefined as never, now: () => new Date(), log: () => {} });
    expect(table.length).toBeGreaterThan(40);
    const kinds = { json: 0, file: 0, redirect: 0 };
    for (const route of table) {
      const name = `${route.method} ${route.path}`;
      const op = document.paths[openApiPath(route.path)]?.[route.method];
      expect(op, name).toBeDefined();
      const content = op!.responses["2XX"]?.content ?? {};
      const redirect = op!.responses["303"] as { headers?: Record<string, unknown> } | undefined;
      if (route.response instanceof z.ZodType) {
        kinds.json++;
        expect(Object.keys(content), name).toEqual(["application/json"]);
        // A schema that says something: `{}` would let any answer through.
        expect(Object.keys(content["application/json"]!.schema as object).length, name).toBeGreaterThan(0);
      } else if ("file" in route.response) {
        kinds.file++;
        expect(Object.keys(content), name).toEqual([...route.response.file]);
        expect(content["application/json"], name).toBeUndefined();
      } else {
        kinds.redirect++;
        expect(op!.responses["2XX"], name).toBeUndefined();
        expect(redirect?.headers, name).toHaveProperty("Location");
      }
    }
    // Files: the two network exports, the comparison workbook, the outbox's .eml and the interviews CSV; redirects: single sign-on there and back.
    expect(kinds).toEqual({ json: table.length - 7, file: 5, redirect: 2 });
    const listed = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(listed).toBe(table.length);
  });

  it("refuses an answer that does not match its schema, so the check in every API test means something", async () => {
    const check = new AnswerCheck(document);
    const good = await s.api("GET", "/api/calls");
    expect(good.status).toBe(200);
    expect(check.problems("GET", "/api/calls", 200, good.body)).toEqual([]);
    // A property the schema does not name, a missing one, and a wrong type are each caught.
    expect(check.problems("GET", "/api/calls", 200, { ...good.body, extra: 1 })).not.toEqual([]);
    expect(check.problems("GET", "/api/calls", 200, {})).not.toEqual([]);
    expect(check.problems("GET", "/api/health", 200, { ok: "yes" })).not.toEqual([]);
    expect(check.problems("GET", "/api/lots/x/metrics", 404, { error: { code: "not_found" } })).not.toEqual([]);
  });
});

describe("the API page", () => {
  it("shows staff every operation of the document with its roles and answer", async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
      await signInStaff(context, s.url, ADMIN);
      const page = await context.newPage();
      await page.goto(`${s.url}/api-docs`);
      await page.locator("main:not([aria-busy])").waitFor();
      const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
      await expect.poll(() => page.locator("details.api-operation").count()).toBe(operations);
      const metrics = page.locator("details.api-operation", { hasText: "/api/lots/{lotId}/metrics" });
      await expect.poll(() => metrics.textContent()).toContain("admin, evaluator");
      await metrics.locator("summary").click();
      await expect.poll(() => metrics.locator("pre").textContent()).toContain('"dominanceIndex"');
      await page.screenshot({ path: `${SCREENSHOTS}/api-docs.png` });
    } finally {
      await browser.close();
    }
  });
});
