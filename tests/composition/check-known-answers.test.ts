import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { historyCall } from "./history-call.ts";

const ORGS = {
  a: ["Bouw", "large"],
  b: ["Hout", "small"],
  c: ["Auto", "small"],
  d: ["Zorg", "small"],
  e: ["Retail", "small"],
  f: ["Horeca", "small"],
  g: ["Metaal", "large"],
} as const;

/**
 * Two hand-built calls as history. 2023 (wave h1-w): a, b, c know each other (a
 * triangle), e named a across lots, d submitted an empty circle. 2024 (wave h2-w,
 * open on the server's clock): d named f; newcomer n joins; a got a new name.
 */
const H1 = historyCall({
  id: "h1",
  organisations: { ...ORGS },
  lots: [["a", "b", "c", "d"], ["e", "f", "g"]],
  circles: { a: ["b", "c"], b: ["c"], e: ["a"], d: [] },
});
const H2 = historyCall({
  id: "h2",
  start: "2024-01-01",
  organisations: { ...ORGS, n: ["Diamant", "small"] },
  names: { a: "Alpha Renamed" },
  lots: [["d", "f", "g", "n"], ["a", "b", "c", "e"]],
  circles: { d: ["f"] },
});
const DURING_H2 = new Date("2024-02-20T12:00:00Z");

const KNOWN = { name: "Known", coordinator: "b", members: ["a", "b", "c"] };
const STRANGERS = { name: "Strangers", coordinator: "g", members: ["d", "f", "g"] };

describe("composition check: known answers on hand-built histories", () => {
  let s: TestServer;
  const check = (history: unknown, proposals: unknown[]) => s.api("POST", "/api/composition/check", { body: { history, proposals } });

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_H2 });
    for (const doc of [H1, H2]) expect((await s.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
  });
  afterAll(() => s.stop());

  it("gives a lot that was a complete graph priorDensity 1 and no newcomers, a lot of strangers 0 and all newcomers", async () => {
    const res = await check(["h1-w"], [{ name: "P", lots: [KNOWN, STRANGERS] }]);
    expect(res.status).toBe(200);
    const [known, strangers] = res.body.proposals[0].lots;
    expect(known).toMatchObject({
      name: "Known",
      coordinator: "b",
      size: 3,
      priorDensity: 1,
      newcomers: [],
      coordinatorPriorDegree: 2,
      hub: "a", // every member has degree 2: the alphabetically first
      smallFunds: ["b", "c"],
      sectors: ["Bouw", "Hout", "Auto"],
      priorDegrees: { a: 2, b: 2, c: 2 },
      priorTies: [["a", "b"], ["a", "c"], ["b", "c"]],
    });
    expect(strangers).toMatchObject({
      priorDensity: 0,
      newcomers: ["d", "f", "g"],
      coordinatorPriorDegree: 0,
      hub: "d",
      smallFunds: ["d", "f"],
      priorTies: [],
    });
    expect(res.body.proposals[0].totals).toEqual({ meanPriorDensity: 0.5, newcomers: 3 });
    expect(res.body.history).toEqual({ waves: ["h1-w"], edges: 4 });
  });

  it("compares two proposals side by side, counting ties reported across lots", async () => {
    const res = await check(["h1-w"], [
      { name: "P", lots: [KNOWN, STRANGERS] },
      {
        name: "Q",
        lots: [
          { name: "Q1", coordinator: "a", members: ["d", "e", "a"] },
          { name: "Q2", coordinator: "f", members: ["b", "c", "f", "g"] },
        ],
      },
    ]);
    const q = res.body.proposals[1];
    // e -> a was reported in another lot of 2023: it still counts.
    expect(q.lots[0]).toMatchObject({ priorTies: [["a", "e"]], newcomers: ["d"], hub: "a", coordinatorPriorDegree: 1 });
    expect(q.lots[0].priorDensity).toBeCloseTo(1 / 3, 12);
    expect(q.lots[1]).toMatchObject({ priorTies: [["b", "c"]], newcomers: ["f", "g"], hub: "b", coordinatorPriorDegree: 0 });
    expect(q.lots[1].priorDensity).toBeCloseTo(1 / 6, 12);
    expect(q.totals.meanPriorDensity).toBeCloseTo(0.25, 12);
    expect(q.totals.newcomers).toBe(3);
    expect(res.body.proposals.map((p: any) => p.name)).toEqual(["P", "Q"]);
  });

  it("gives null priorDensity for a lot of one, and leaves it out of the mean", async () => {
    const res = await check(["h1-w"], [{ name: "P", lots: [KNOWN, { name: "Solo", coordinator: "g", members: ["g"] }] }]);
    const solo = res.body.proposals[0].lots[1];
    expect(solo).toMatchObject({ priorDensity: null, newcomers: ["g"], hub: "g", coordinatorPriorDegree: 0 });
    expect(res.body.proposals[0].totals).toEqual({ meanPriorDensity: 1, newcomers: 1 });
  });

  it("builds the history from the chosen waves only, joining calls by organisation id", async () => {
    const only2023 = await check(["h1-w"], [{ name: "P", lots: [STRANGERS] }]);
    expect(only2023.body.proposals[0].lots[0].priorDensity).toBe(0);
    const all = await check("all", [{ name: "P", lots: [STRANGERS] }]);
    expect(all.body.history.waves).toEqual(["h1-w", "h2-w"]);
    expect(all.body.proposals[0].lots[0]).toMatchObject({ priorTies: [["d", "f"]], newcomers: ["g"], hub: "d" });
    expect(all.body.proposals[0].lots[0].priorDensity).toBeCloseTo(1 / 3, 12);
    const only2024 = await check(["h2-w"], [{ name: "P", lots: [KNOWN] }]);
    expect(only2024.body.proposals[0].lots[0]).toMatchObject({ priorDensity: 0, newcomers: ["a", "b", "c"] });
  });

  it("counts the latest submitted circle of a wave and never a draft", async () => {
    const circle = "/api/waves/h2-w/circles";
    // A draft of g naming d: not history.
    expect((await s.api("PUT", `${circle}/g`, { body: { ties: [{ partner: "d", forms: { support: 3 } }] } })).status).toBe(200);
    let res = await check(["h2-w"], [{ name: "P", lots: [STRANGERS] }]);
    expect(res.body.proposals[0].lots[0].priorTies).toEqual([["d", "f"]]);
    // d submits again without f: the earlier submitted version no longer counts.
    expect((await s.api("POST", `${circle}/d/submit`, { body: { ties: [{ partner: "n", forms: { information: 1 } }] } })).status).toBe(201);
    res = await check(["h2-w"], [{ name: "P", lots: [{ ...STRANGERS, members: ["d", "f", "g", "n"] }] }]);
    expect(res.body.proposals[0].lots[0]).toMatchObject({ priorTies: [["d", "n"]], newcomers: ["f", "g"] });
  });

  it("lists the organisations known across calls as the latest call describes them, with their current lots", async () => {
    const res = await s.api("GET", "/api/composition/organisations");
    expect(res.status).toBe(200);
    const byId = new Map<string, any>(res.body.organisations.map((o: any) => [o.id, o]));
    expect([...byId.keys()].sort()).toEqual(["a", "b", "c", "d", "e", "f", "g", "n"]);
    expect(res.body).toMatchObject({ total: 8, limit: 50, offset: 0 });
    expect(byId.get("a")).toMatchObject({ name: "Alpha Renamed", sector: "Bouw", size: "large", currentLot: { lotId: "h2-lot-2", role: "coordinator" } });
    expect(byId.get("n")).toMatchObject({ currentLot: { callId: "h2", lotId: "h2-lot-1", role: "partner", active: true } });
    const start = await s.api("GET", "/api/composition/latest-call");
    expect(start.body.latestCall).toEqual({
      id: "h2",
      name: "History h2",
      proposal: {
        name: "History h2",
        lots: [
          { name: "Lot 1", coordinator: "d", members: ["d", "f", "g", "n"] },
          { name: "Lot 2", coordinator: "a", members: ["a", "b", "c", "e"] },
        ],
      },
    });
    // The latest call's own organisations come with it, nobody else.
    expect(start.body.organisations.map((o: any) => o.id).sort()).toEqual(["a", "b", "c", "d", "e", "f", "g", "n"].filter((id) => byId.get(id)!.currentLot));
  });

  it("pages, searches and narrows the organisations, and names a bad query's path", async () => {
    const all = (await s.api("GET", "/api/composition/organisations")).body.organisations.map((o: any) => o.id);
    const page = await s.api("GET", "/api/composition/organisations?limit=3&offset=3");
    expect(page.body).toMatchObject({ total: 8, limit: 3, offset: 3 });
    expect(page.body.organisations.map((o: any) => o.id)).toEqual(all.slice(3, 6));
    // By the latest name, case aside; the older name no longer finds it.
    const renamed = await s.api("GET", "/api/composition/organisations?q=alpha%20ren");
    expect(renamed.body.organisations.map((o: any) => o.id)).toEqual(["a"]);
    // A wildcard character is searched for as itself.
    expect((await s.api("GET", "/api/composition/organisations?q=%25")).body.total).toBe(0);
    const h1 = await s.api("GET", "/api/composition/organisations?call=h1");
    expect(h1.body.organisations.map((o: any) => o.id).sort()).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    const some = await s.api("GET", "/api/composition/organisations?ids=n,a");
    expect(some.body.organisations.map((o: any) => o.id).sort()).toEqual(["a", "n"]);
    const bad = await s.api("GET", "/api/composition/organisations?limit=1000&ids=a,b%20c");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["query.ids[1]", "query.limit"]);
  });
});
