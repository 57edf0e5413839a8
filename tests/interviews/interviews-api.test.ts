import { describe, expect, it } from "vitest";
import { canonical, DURING_WAVE, inviteAll, smallCall, tokenOf } from "../helpers/call-document.ts";
import { serverFixture } from "../helpers/fixtures.ts";
import { createAccount, linkSession, type SessionHeaders } from "../helpers/sessions.ts";

const BASE = "/api/interviews/t-call-w1/beta";
/** Words that must never reach a pseudonymised file: names and what the notes say. */
const SECRET_WORDS = ["Alpha Fund", "Beta Fund", "Gamma Fund", "Jan Peeters", "steering group", "Els Maes", "2026-06-20"];

const BODY = {
  status: "planned",
  plannedOn: "2026-06-20",
  notes: "Jan Peeters leads the partnership; talk about the steering group.",
  codes: ["shared-vision"],
  partners: [
    { partner: "alpha", howItLooks: "Monthly steering group, questions by phone", currentVsDesired: "Would like to co-create the offer", codes: ["psychological-safety", "co-construction"] },
    { partner: "gamma", supportNeeded: "A facilitator from Europa WSE" },
  ],
};

let els: SessionHeaders;
let respondent: string;
const fx = serverFixture({ now: DURING_WAVE }, async (server) => {
  respondent = tokenOf((await inviteAll(server)).get("beta")!);
  await createAccount(server, "els@example.org", "Els Maes", "evaluator");
  els = await linkSession(server, "els@example.org", DURING_WAVE);
});

const asEls = (method: string, path: string, body?: unknown) => fx.server.api(method, path, { token: null, headers: els, ...(body !== undefined && { body }) });

describe("interviews", () => {
  it("are for staff only: a respondent, even about its own interview, and no token are refused", async () => {
    for (const [method, path] of [["GET", BASE], ["PUT", BASE], ["GET", `${BASE}/versions/1`], ["GET", "/api/waves/t-call-w1/interviews"], ["GET", "/api/waves/t-call-w1/interviews/codes"], ["GET", "/api/waves/t-call-w1/interviews/export"]] as const) {
      const body = method === "PUT" ? BODY : undefined;
      expect((await fx.server.api(method, path, { token: respondent, body })).status, `${method} ${path}`).toBe(403);
      expect((await fx.server.api(method, path, { token: null, body })).status, `${method} ${path}`).toBe(401);
    }
    expect((await asEls("GET", BASE)).body).toEqual({ current: null, versions: [] });
  });

  it("refuse a bad body with 400 naming the path, and write nothing", async () => {
    const bad = [
      [{ ...BODY, status: "maybe" }, "body.status"],
      [{ ...BODY, codes: ["shared-vision", "shared-vision"] }, "body.codes"],
      [{ ...BODY, partners: [{ partner: "alpha", codes: ["not-a-code"] }] }, "body.partners[0].codes[0]"],
      [{ ...BODY, partners: [{ partner: "alpha", howItLooks: "   " }] }, "body.partners[0].howItLooks"],
      [{ ...BODY, partners: [{ partner: "beta" }] }, "body.partners[0].partner"],
      [{ ...BODY, partners: [{ partner: "nobody" }] }, "body.partners[0].partner"],
      [{ ...BODY, partners: [{ partner: "alpha" }, { partner: "alpha" }] }, "body.partners[1].partner"],
      [{ ...BODY, plannedOn: "20 June" }, "body.plannedOn"],
      [{ ...BODY, extra: 1 }, "body"],
    ] as const;
    for (const [body, path] of bad) {
      const res = await asEls("PUT", BASE, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path), path).toContain(path);
    }
    expect((await asEls("GET", BASE)).body.versions).toEqual([]);
    expect((await asEls("PUT", "/api/interviews/t-call-w1/delta", BODY)).status).toBe(404); // inactive member
  });

  it("keep every version, written by the person who saved it, and refuse a stale save with 409", async () => {
    const first = await asEls("PUT", BASE, { ...BODY, basedOn: 0 });
    expect(first.status).toBe(200);
    expect(first.body.saved).toMatchObject({ version: 1, wave: "t-call-w1", lot: "t-call-lot-a", organisation: "beta", status: "planned", writtenBy: "Els Maes" });
    const second = await fx.server.api("PUT", BASE, { body: { ...BODY, status: "done", basedOn: 1 } });
    expect(second.body.saved).toMatchObject({ version: 2, status: "done", writtenBy: "ADMIN_TOKEN" });
    const stale = await asEls("PUT", BASE, { ...BODY, notes: "Lost?", basedOn: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "stale_version", details: [{ path: "body.basedOn" }] });

    const read = (await asEls("GET", BASE)).body;
    expect(read.versions.map((v: any) => [v.version, v.status, v.writtenBy])).toEqual([[1, "planned", "Els Maes"], [2, "done", "ADMIN_TOKEN"]]);
    expect(read.current).toMatchObject({ version: 2, status: "done", plannedOn: "2026-06-20", notes: BODY.notes, codes: ["shared-vision"] });
    expect(read.current.partners).toEqual([
      { partner: "alpha", howItLooks: BODY.partners[0]!.howItLooks, currentVsDesired: BODY.partners[0]!.currentVsDesired, codes: ["psychological-safety", "co-construction"] },
      { partner: "gamma", supportNeeded: "A facilitator from Europa WSE", codes: [] },
    ]);
    const v1 = (await asEls("GET", `${BASE}/versions/1`)).body.interview;
    expect(v1).toMatchObject({ version: 1, status: "planned", writtenBy: "Els Maes" });
    expect((await asEls("GET", `${BASE}/versions/3`)).status).toBe(404);
    expect((await asEls("GET", `${BASE}/versions/x`)).body.error.details[0].path).toBe("params.version");
  });

  it("list each active member's status per lot, and count codes per lot over the latest versions", async () => {
    await asEls("PUT", "/api/interviews/t-call-w1/zeta", { status: "done", codes: ["co-construction"], partners: [{ partner: "epsilon", prosAndCons: "Fast answers", codes: ["co-construction", "team-reflexivity"] }] });
    const list = (await asEls("GET", "/api/waves/t-call-w1/interviews")).body;
    const lotA = list.lots.find((l: any) => l.id === "t-call-lot-a");
    expect(lotA.members.map((m: any) => [m.organisation, m.status])).toEqual([["alpha", "none"], ["beta", "done"], ["gamma", "none"]]);
    expect(lotA.members[1]).toMatchObject({ plannedOn: "2026-06-20", writtenBy: "ADMIN_TOKEN" });
    expect((await asEls("GET", "/api/waves/t-call-w1/interviews?lot=t-call-lot-b")).body.lots.map((l: any) => l.id)).toEqual(["t-call-lot-b"]);
    expect((await asEls("GET", "/api/waves/t-call-w1/interviews?lot=elsewhere")).status).toBe(404);

    const counts = (await asEls("GET", "/api/waves/t-call-w1/interviews/codes")).body;
    expect(counts.lots).toEqual([
      {
        id: "t-call-lot-a", number: 1, name: "Lot A", interviews: 1,
        codes: [
          { code: "psychological-safety", notes: 1, interviews: 1 },
          { code: "shared-vision", notes: 1, interviews: 1 },
          { code: "co-construction", notes: 1, interviews: 1 },
        ],
      },
      {
        id: "t-call-lot-b", number: 2, name: "Lot B", interviews: 1,
        codes: [
          { code: "co-construction", notes: 2, interviews: 1 },
          { code: "team-reflexivity", notes: 1, interviews: 1 },
        ],
      },
    ]);
  });

  it("export as CSV with names and notes, and pseudonymised with codes and statuses only", async () => {
    const named = await asEls("GET", "/api/waves/t-call-w1/interviews/export");
    expect(named.status).toBe(200);
    expect(named.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (named.body as string).trim().split("\r\n");
    expect(lines[0]).toBe('"wave","lot","organisation","partner","status","codes","organisationName","partnerName","plannedOn","version","savedAt","writtenBy","notes","howItLooks","howItCameAbout","prosAndCons","currentVsDesired","supportNeeded"');
    expect(lines).toHaveLength(1 + 3 + 2);
    expect(named.body).toContain('"t-call-w1","t-call-lot-a","beta","alpha","done","psychological-safety co-construction","Beta Fund","Alpha Fund","2026-06-20",2');
    expect(named.body).toContain(BODY.notes);

    const coded = await asEls("GET", "/api/waves/t-call-w1/interviews/export?pseudonymise=true&export=key-12345678");
    const rows = (coded.body as string).trim().split("\r\n");
    expect(rows[0]).toBe('"wave","lot","organisation","partner","status","codes"');
    expect(rows).toHaveLength(1 + 3 + 2);
    for (const word of [...SECRET_WORDS, "beta", "alpha", "t-call", "Fast answers", "facilitator"]) expect(coded.body).not.toContain(word);
    expect(rows.slice(1).every((r) => /^"WAVE-1","LOT-0\d","ORG-0\d","(ORG-0\d)?","(planned|done)","[a-z -]*"$/.test(r))).toBe(true);
    // One export key, one set of codes: the same key gives the same file.
    expect((await asEls("GET", "/api/waves/t-call-w1/interviews/export?pseudonymise=true&export=key-12345678")).body).toBe(coded.body);
  });

  it("travel with the call document: an import gives back the same interviews, and a pseudonymised document has no free text", async () => {
    const doc = (await asEls("GET", "/api/calls/t-call/export")).body;
    expect(doc.interviews).toEqual([
      { wave: "t-call-w1", organisation: "beta", status: "done", plannedOn: "2026-06-20", notes: BODY.notes, codes: ["shared-vision"], partners: (await asEls("GET", BASE)).body.current.partners },
      { wave: "t-call-w1", organisation: "zeta", status: "done", codes: ["co-construction"], partners: [{ partner: "epsilon", prosAndCons: "Fast answers", codes: ["co-construction", "team-reflexivity"] }] },
    ]);
    const copy = { ...JSON.parse(JSON.stringify(doc).replaceAll("t-call", "t-copy")) };
    expect((await fx.server.api("POST", "/api/calls/import", { body: copy })).status).toBe(201);
    const back = (await fx.server.api("GET", "/api/calls/t-copy/export")).body;
    expect(canonical(back)).toEqual(canonical(copy));
    const imported = (await fx.server.api("GET", "/api/interviews/t-copy-w1/beta")).body;
    expect(imported.versions).toMatchObject([{ version: 1, writtenBy: "import" }]);

    const pseudo = await asEls("GET", "/api/calls/t-call/export?pseudonymise=true");
    for (const word of [...SECRET_WORDS, "Fast answers", "facilitator", "co-create"]) expect(JSON.stringify(pseudo.body)).not.toContain(word);
    expect(pseudo.body.interviews).toHaveLength(2);
    for (const iv of pseudo.body.interviews) {
      expect(Object.keys(iv).sort()).toEqual(["codes", "organisation", "partners", "status", "wave"]);
      for (const n of iv.partners) expect(Object.keys(n).sort()).toEqual(["codes", "partner"]);
    }
    // Still a valid call document.
    expect((await fx.server.api("POST", "/api/calls/validate", { body: pseudo.body })).body.valid).toBe(true);
  });

  it("refuse a call document whose interviews break a rule, naming the path", async () => {
    const doc = smallCall({ id: "t-bad" });
    const res = await fx.server.api("POST", "/api/calls/validate", {
      body: {
        ...doc,
        interviews: [
          { wave: "t-bad-w1", organisation: "beta", status: "done", partners: [{ partner: "beta" }] },
          { wave: "t-bad-w1", organisation: "beta", status: "done" },
          { wave: "nope", organisation: "ext", status: "planned", codes: ["cohesion"] },
        ],
      },
    });
    expect(res.body.valid).toBe(false);
    expect(res.body.problems.map((p: any) => p.path).sort()).toEqual(
      ["interviews[0].partners[0].partner", "interviews[1].organisation", "interviews[2].organisation", "interviews[2].wave"].sort(),
    );
  });

  it("keep their organisation in a lot: leaving every lot is a 409 naming the interview, moving to another lot is not", async () => {
    const doc = { ...smallCall({ id: "t-orph" }), interviews: [{ wave: "t-orph-w1", organisation: "gamma", status: "planned" as const }] };
    expect((await fx.server.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const out = await fx.server.api("PUT", "/api/calls/t-orph/organisations/gamma/lot", { body: { lot: null } });
    expect(out.status).toBe(409);
    expect(out.body.error.code).toBe("would_orphan_interviews");
    expect(out.body.error.details.map((d: any) => d.path)).toEqual(["interviews[0]"]);
    const stored = (await fx.server.api("GET", "/api/calls/t-orph/export")).body;
    expect(stored.lots[0].members.map((m: any) => m.organisation)).toContain("gamma");
    expect((await fx.server.api("PUT", "/api/calls/t-orph/organisations/gamma/lot", { body: { lot: "t-orph-lot-b" } })).status).toBe(200);
    expect((await fx.server.api("GET", "/api/calls/t-orph/export")).body.interviews).toEqual([expect.objectContaining({ organisation: "gamma", status: "planned" })]);
  });

  it("record every read of notes in the access log, not the pseudonymised CSV", async () => {
    const before = (await fx.server.api("GET", "/api/access-log")).body.entries[0].id;
    for (const path of [BASE, `${BASE}/versions/1`, "/api/waves/t-call-w1/interviews/export", "/api/waves/t-call-w1/interviews/export?pseudonymise=true", "/api/waves/t-call-w1/interviews", "/api/waves/t-call-w1/interviews/codes"]) {
      expect((await asEls("GET", path)).status, path).toBe(200);
    }
    const logged = (await fx.server.api("GET", "/api/access-log")).body.entries.filter((e: any) => e.id > before).reverse();
    expect(logged.map((e: any) => [e.kind, e.subject, e.actor, e.callId])).toEqual([
      ["interview", `GET ${BASE}`, "Els Maes <els@example.org>", "t-call"],
      ["interview", `GET ${BASE}/versions/1`, "Els Maes <els@example.org>", "t-call"],
      ["interview", "GET /api/waves/t-call-w1/interviews/export", "Els Maes <els@example.org>", "t-call"],
    ]);
  });
});
