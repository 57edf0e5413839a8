import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { historyCall } from "./history-call.ts";
import { proposalWarnings } from "../../api/composition/composition-rules.ts";

/** History: a and b tied; c, d small funds without ties; x an external; e inactive. */
const HISTORY = historyCall({
  id: "r1",
  organisations: { a: ["Bouw", "large"], b: ["Hout", "large"], c: ["Auto", "small"], d: ["Zorg", "small"], e: ["Retail", "small"] },
  lots: [["a", "b", "c"], ["d", "e"]],
  circles: { a: ["b"] },
});
HISTORY.lots[1]!.members[1]!.active = false;
HISTORY.organisations.push({ id: "x", name: "Europa WSE", kind: "external" });

const lot = (name: string, members: string[], coordinator?: string | null) => ({ name, members, ...(coordinator !== undefined && { coordinator }) });
const ALL_PLACED = [lot("L1", ["a", "b"], "a"), lot("L2", ["c", "d"], "c")];

describe("composition check: rule breaks and warnings", () => {
  let s: TestServer;
  const check = (lots: unknown[], extra: Record<string, unknown> = {}) =>
    s.api("POST", "/api/composition/check", { body: { proposals: [{ name: "P", lots }], ...extra } });
  const problems = (res: { body: any }) => res.body.error.details;

  beforeAll(async () => {
    s = await startTestServer();
    expect((await s.api("POST", "/api/calls/import", { body: HISTORY })).status).toBe(201);
  });
  afterAll(() => s.stop());

  it("answers 400 for an unknown organisation, naming its path", async () => {
    const res = await check([lot("L1", ["a", "nobody"], "a")]);
    expect(res.status).toBe(400);
    expect(problems(res)).toEqual([{ path: "body.proposals[0].lots[0].members[1]", message: 'unknown organisation "nobody"' }]);
  });

  it("answers 400 for an organisation in two lots of one proposal, and twice in one lot", async () => {
    const res = await check([lot("L1", ["a", "b"], "a"), lot("L2", ["c", "b", "c"], "c")]);
    expect(res.status).toBe(400);
    expect(problems(res)).toEqual([
      { path: "body.proposals[0].lots[1].members[1]", message: 'organisation "b" already sits in lot "L1"' },
      { path: "body.proposals[0].lots[1].members[2]", message: 'organisation "c" is listed twice in this lot' },
    ]);
  });

  it("lets the same organisation sit in different proposals", async () => {
    const res = await s.api("POST", "/api/composition/check", {
      body: { proposals: [{ name: "P", lots: ALL_PLACED }, { name: "Q", lots: [lot("Q1", ["a", "b", "c", "d"], "b")] }] },
    });
    expect(res.status).toBe(200);
  });

  it("answers 400 for a coordinator who is not a member", async () => {
    const res = await check([lot("L1", ["a", "b"], "c"), lot("L2", ["c", "d"], "d")]);
    expect(res.status).toBe(400);
    expect(problems(res)).toEqual([{ path: "body.proposals[0].lots[0].coordinator", message: 'coordinator "c" is not a member of this lot' }]);
  });

  it("answers 400 for an empty lot", async () => {
    const res = await check([...ALL_PLACED, lot("Empty", [], null)]);
    expect(res.status).toBe(400);
    expect(problems(res)).toEqual([{ path: "body.proposals[0].lots[2].members", message: "a lot needs at least one member" }]);
  });

  it("names the proposal of the rule break when several are compared", async () => {
    const res = await s.api("POST", "/api/composition/check", {
      body: { proposals: [{ name: "P", lots: ALL_PLACED }, { name: "Q", lots: [lot("Q1", [], null)] }] },
    });
    expect(problems(res).map((p: any) => p.path)).toEqual(["body.proposals[1].lots[0].members"]);
  });

  it("answers 400 for more than three proposals, an unknown wave and a malformed body", async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ name: `P${i}`, lots: ALL_PLACED }));
    const tooMany = await s.api("POST", "/api/composition/check", { body: { proposals: four } });
    expect(tooMany.status).toBe(400);
    expect(problems(tooMany)[0].path).toBe("body.proposals");
    const wave = await check(ALL_PLACED, { history: ["r1-w", "w-nowhere"] });
    expect(wave.status).toBe(400);
    expect(problems(wave)).toEqual([{ path: "body.history[1]", message: 'unknown wave "w-nowhere"' }]);
    const shape = await check([{ name: "L1", members: "a" }]);
    expect(shape.status).toBe(400);
    expect(problems(shape)[0].path).toBe("body.proposals[0].lots[0].members");
  });

  it("gives no warning for a sound proposal", async () => {
    const res = await check([lot("L1", ["a", "b"], "a"), lot("L2", ["c", "d", "x"], "x")]);
    expect(res.status).toBe(200);
    // x (external) has no tie either, but it is the coordinator of a lot of two others: that is the warning below.
    const sound = await check([lot("L1", ["a", "b", "c", "d"], "a")]);
    expect(sound.body.proposals[0].warnings).toEqual([]);
    expect(res.body.proposals[0].warnings.map((w: any) => w.code)).toEqual(["small_lot", "coordinator_without_prior_tie"]);
  });

  it("warns about a lot of fewer than three members", async () => {
    const res = await check([lot("L1", ["a", "b"], "a"), lot("L2", ["c", "d", "x"], "c")]);
    const w = res.body.proposals[0].warnings.filter((x: any) => x.code === "small_lot");
    expect(w).toEqual([{ code: "small_lot", path: "lots[0].members", message: expect.stringContaining("2 member"), organisations: ["a", "b"] }]);
  });

  it("warns about a lot without a coordinator, whether absent or null", async () => {
    const res = await check([lot("L1", ["a", "b"]), lot("L2", ["c", "d"], null)]);
    expect(res.status).toBe(200);
    const w = res.body.proposals[0].warnings.filter((x: any) => x.code === "no_coordinator");
    expect(w.map((x: any) => x.path)).toEqual(["lots[0].coordinator", "lots[1].coordinator"]);
    expect(res.body.proposals[0].lots[0].coordinatorPriorDegree).toBeNull();
  });

  it("warns about a coordinator with no prior tie to any member", async () => {
    const res = await check([lot("L1", ["a", "b", "c", "d"], "c")]);
    expect(res.body.proposals[0].warnings).toEqual([
      { code: "coordinator_without_prior_tie", path: "lots[0].coordinator", message: expect.stringContaining('"c"'), organisations: ["c"] },
    ]);
  });

  it("warns about active organisations of the history left out of every lot, not inactive ones", async () => {
    const res = await check([lot("L1", ["a", "b"], "a")]);
    const w = res.body.proposals[0].warnings.filter((x: any) => x.code !== "small_lot");
    expect(w).toEqual([{ code: "left_out", path: "lots", message: '2 active organisation(s) of the history sit in no lot: "c", "d"', organisations: ["c", "d"] }]);
  });

  it("names ten of the organisations left out in the message and lists every one", () => {
    const many = Array.from({ length: 2500 }, (_, i) => `org-${i}`);
    const [w] = proposalWarnings([], many);
    expect(w!.organisations).toEqual(many);
    expect(w!.message).toBe(`2500 active organisation(s) of the history sit in no lot: ${many.slice(0, 10).map((id) => `"${id}"`).join(", ")} and 2490 more`);
  });

  it("warns about a lot of only small funds", async () => {
    const res = await check([lot("L1", ["a", "b"], "a"), lot("L2", ["c", "d", "e"], "c")]);
    const w = res.body.proposals[0].warnings.filter((x: any) => x.code === "only_small_funds");
    expect(w).toEqual([{ code: "only_small_funds", path: "lots[1].members", message: expect.any(String), organisations: ["c", "d", "e"] }]);
  });

  it("is open to evaluators and closed to respondents and strangers", async () => {
    const evaluator = (await s.api("POST", "/api/tokens", { body: { name: "eva" } })).body.token;
    const body = { proposals: [{ name: "P", lots: ALL_PLACED }] };
    expect((await s.api("POST", "/api/composition/check", { token: evaluator, body })).status).toBe(200);
    expect((await s.api("POST", "/api/composition/check", { token: null, body })).status).toBe(401);
  });
});
