import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { canonical, refusedImport, smallCall } from "../helpers/call-document.ts";
import { DEMO_CALL } from "../../api/server.ts";
import { initialsOf, type CallDocumentInput } from "../../api/schema/call-document.ts";

type Doc = CallDocumentInput;
const withCircle = (): Doc => {
  const d = smallCall();
  d.circles.push({
    wave: "t-call-w1", lot: "t-call-lot-a", respondent: "beta", submittedAt: "2026-02-01T10:00:00Z",
    ties: [{ partner: "alpha", forms: { information: 3, support: 4 } }, { partner: "ext", forms: { information: 2 } }],
  });
  return d;
};

/** One case per rule of call-format.md: the broken document and the path the answer must name. */
const BROKEN: Array<[rule: string, path: string, breakIt: (d: any) => void]> = [
  ["format is netwerkcirkel/v1", "format", (d) => (d.format = "netwerkcirkel/v0")],
  ["ids are slugs", "organisations[0].id", (d) => (d.organisations[0].id = "al pha!")],
  ["ids are at most 64 characters", "lots[0].id", (d) => (d.lots[0].id = "x".repeat(65))],
  ["organisation ids are unique", "organisations[1].id", (d) => (d.organisations[1].id = "alpha")],
  ["lot ids are unique", "lots[1].id", (d) => (d.lots[1].id = d.lots[0].id)],
  ["wave ids are unique", "waves[1].id", (d) => d.waves.push({ ...d.waves[0] })],
  ["size is small or large", "organisations[0].size", (d) => (d.organisations[0].size = "medium")],
  ["kind is sector-fund or external", "organisations[0].kind", (d) => (d.organisations[0].kind = "fund")],
  ["role is coordinator or partner", "lots[0].members[1].role", (d) => (d.lots[0].members[1].role = "promotor")],
  ["at most one coordinator per lot", "lots[0].members[1].role", (d) => (d.lots[0].members[1].role = "coordinator")],
  ["active is a boolean", "lots[0].members[0].active", (d) => (d.lots[0].members[0].active = "yes")],
  ["a member references an organisation", "lots[0].members[0].organisation", (d) => (d.lots[0].members[0].organisation = "nobody")],
  ["an organisation sits in at most one lot", "lots[1].members[1].organisation", (d) => (d.lots[1].members[1].organisation = "beta")],
  ["forms has at least one form", "circles[0].ties[0].forms", (d) => (d.circles[0].ties[0].forms = {})],
  ["a score is an integer", "circles[0].ties[0].forms.support", (d) => (d.circles[0].ties[0].forms.support = 2.5)],
  ["a score is 1-4", "circles[0].ties[0].forms.information", (d) => (d.circles[0].ties[0].forms.information = 5)],
  ["only the three forms", "circles[0].ties[0].forms", (d) => (d.circles[0].ties[0].forms.advice = 2)],
  ["a respondent is a member of its lot", "circles[0].respondent", (d) => (d.circles[0].respondent = "epsilon")],
  ["a respondent is an active member", "circles[0].respondent", (d) => (d.circles[0].respondent = "delta")],
  ["one circle per wave and respondent", "circles[1].respondent", (d) => d.circles.push(structuredClone(d.circles[0]))],
  ["a circle's wave exists", "circles[0].wave", (d) => (d.circles[0].wave = "w-none")],
  ["a circle's lot exists", "circles[0].lot", (d) => (d.circles[0].lot = "lot-none")],
  ["a tie's partner is an organisation", "circles[0].ties[0].partner", (d) => (d.circles[0].ties[0].partner = "nobody")],
  ["a tie's partner is not the respondent", "circles[0].ties[0].partner", (d) => (d.circles[0].ties[0].partner = "beta")],
  ["one tie per partner", "circles[0].ties[1].partner", (d) => (d.circles[0].ties[1].partner = "alpha")],
  ["submittedAt is a date-time", "circles[0].submittedAt", (d) => (d.circles[0].submittedAt = "yesterday")],
  ["dates are dates", "waves[0].opens", (d) => (d.waves[0].opens = "2026-13-01")],
  ["a wave closes after it opens", "waves[0].closes", (d) => (d.waves[0].closes = "2025-01-01")],
  ["names are not empty", "call.name", (d) => (d.call.name = "  ")],
  ["names are not padded (the export must give them back unchanged)", "organisations[0].name", (d) => (d.organisations[0].name = " Alpha Fund")],
  ["no control characters (the XML exports could not carry them)", "lots[0].name", (d) => (d.lots[0].name = "Lot\u0001A")],
  ["no unknown fields", "call", (d) => (d.call.budget = 1000)],
];

describe("call documents", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  it.each(BROKEN)("refuses a document that breaks '%s' (400 naming %s) and writes nothing", async (_rule, path, breakIt) => {
    const doc = withCircle();
    breakIt(doc);
    const before = (await s.api("GET", "/api/calls")).body.calls.length;
    const versionsBefore = s.store.circles.countVersions();
    const res = await s.api("POST", "/api/calls/import", { body: doc });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid");
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    for (const d of res.body.error.details) expect(d.message).toEqual(expect.any(String));
    expect((await s.api("GET", "/api/calls")).body.calls.length).toBe(before);
    expect(s.store.circles.countVersions()).toBe(versionsBefore);
  });

  it("makes initials from the first letter or digit of the first two words, never from punctuation", () => {
    expect(initialsOf("Bouw <fonds>")).toBe("BF");
    expect(initialsOf("Europa WSE")).toBe("EW");
    expect(initialsOf("(Ét)age - 2de lijn / extra")).toBe("É2");
    expect(initialsOf("« »")).toBe("");
  });

  it("names one problem per broken rule", async () => {
    const doc: any = withCircle();
    doc.organisations[0].size = "huge";
    doc.circles[0].ties[0].forms.support = 0;
    expect((await refusedImport(s, doc)).map((d) => d.path).sort()).toEqual(
      ["circles[0].ties[0].forms.support", "organisations[0].size"],
    );
  });

  it("answers malformed JSON with 400 and the error shape", async () => {
    const res = await s.api("POST", "/api/calls/import", { raw: '{"format": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("body");
  });

  it("round-trips: import then export gives an equal document", async () => {
    const doc = withCircle();
    doc.call.id = "rt-call";
    doc.call.description = "round trip";
    doc.lots.forEach((l) => (l.id = `rt-${l.id}`));
    doc.waves[0]!.id = "rt-w1";
    doc.circles[0]!.wave = "rt-w1";
    doc.circles[0]!.lot = "rt-t-call-lot-a";
    doc.circles.push({ wave: "rt-w1", lot: "rt-t-call-lot-a", respondent: "gamma", ties: [{ partner: "beta", forms: { cocreation: 1 } }] });
    expect((await s.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const res = await s.api("GET", "/api/calls/rt-call/export?format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("rt-call.json");
    // Defaults are written out on export (kind, active); the parsed input equals the export.
    const expected = structuredClone(doc) as any;
    for (const o of expected.organisations) o.kind ??= "sector-fund";
    expect(canonical(res.body)).toEqual(canonical(expected));
  });

  it("refuses a second import of the same call, or a lot id another call uses, with 409 and paths", async () => {
    const doc = smallCall({ id: "dup-call" });
    expect((await s.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const again = await s.api("POST", "/api/calls/import", { body: doc });
    expect(again.status).toBe(409);
    expect(again.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(["call.id", "lots[0].id", "lots[1].id", "waves[0].id"]),
    );
  });

  it("knows unknown calls: 404, and bad export formats: 400", async () => {
    expect((await s.api("GET", "/api/calls/nope/export?format=json")).status).toBe(404);
    const bad = await s.api("GET", "/api/calls/dup-call/export?format=xls");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("query.format");
  });
});

describe("the demo call", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ demo: true });
  });
  afterAll(() => s.stop());

  it("is loaded on an empty database and exports as the committed document", async () => {
    const committed = JSON.parse(readFileSync(DEMO_CALL, "utf8"));
    const res = await s.api("GET", "/api/calls/cc-2023/export?format=json");
    expect(canonical(res.body)).toEqual(canonical(committed));
    expect(committed.call.description).toMatch(/illustrative/);
  });

  it("has the report's response rates per lot: 50%, 100%, 75%, 100%, 100%", async () => {
    const doc = (await s.api("GET", "/api/calls/cc-2023/export?format=json")).body;
    const rates = doc.lots.map((l: any) => {
      const active = l.members.filter((m: any) => m.active).length;
      const submitted = doc.circles.filter((c: any) => c.lot === l.id && c.submittedAt).length;
      return submitted / active;
    });
    expect(rates).toEqual([0.5, 1, 0.75, 1, 1]);
    expect(doc.circles.length).toBe(17);
  });

  it("has lot 4's two inactive funds, Europa WSE as external and Unizo coordinating lot 5", async () => {
    const doc = (await s.api("GET", "/api/calls/cc-2023/export?format=json")).body;
    const lot4 = doc.lots.find((l: any) => l.number === 4);
    expect(lot4.members.filter((m: any) => !m.active).map((m: any) => m.organisation)).toEqual(["fonds-320", "vorm-dc"]);
    expect(doc.organisations.find((o: any) => o.id === "europa-wse").kind).toBe("external");
    const lot5 = doc.lots.find((l: any) => l.number === 5);
    expect(lot5.members.find((m: any) => m.role === "coordinator").organisation).toBe("unizo");
    for (const l of doc.lots) expect(l.members.filter((m: any) => m.role === "coordinator")).toHaveLength(1);
  });

  it("is not loaded twice on a restart", async () => {
    const again = await startTestServer({ demo: true, dbPath: s.dbPath });
    try {
      expect((await again.api("GET", "/api/calls")).body.calls).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});
