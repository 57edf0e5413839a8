import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DURING_WAVE, smallCall, tokenOf } from "../helpers/call-document.ts";

const CALL = "t-call";
const LOT_A = "t-call-lot-a";
const WAVE = "t-call-w1";

/**
 * Tokens, waves, lots and organisation ids are kept in memory between requests (the
 * save and figure paths ask them every time). Every change that could make one stale
 * takes effect at the very next request.
 */
describe("what the server keeps between requests", () => {
  let s: TestServer;
  let tokens: Record<string, string>;
  const save = (who: string, partners: string[] = ["alpha"]) =>
    s.api("PUT", "/api/my/circle", { token: tokens[who]!, body: { ties: partners.map((partner) => ({ partner, forms: { information: 2 } })) } });
  const invitationOf = (organisation: string) => s.store.callEdits.invitations(WAVE).find((i) => i.organisation === organisation)!;

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
    const inv = await s.api("POST", `/api/waves/${WAVE}/invitations`);
    tokens = Object.fromEntries(inv.body.invitations.map((i: any) => [i.organisation, tokenOf(i.link)]));
  });
  afterAll(() => s.stop());

  it("refuses a revoked invitation at the next request", async () => {
    expect((await save("beta")).status).toBe(200);
    expect((await save("beta")).status).toBe(200);
    expect((await s.api("DELETE", `/api/invitations/${invitationOf("beta").id}`)).status).toBe(200);
    const refused = await save("beta");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
  });

  it("refuses the invitation of a member made inactive at the next request", async () => {
    // A member with circles stays active: zeta reads its circle, it does not save one.
    expect((await s.api("GET", "/api/my/circle", { token: tokens.zeta! })).status).toBe(200);
    expect((await s.api("PUT", `/api/calls/${CALL}/organisations/zeta/active`, { body: { active: false } })).status).toBe(200);
    expect((await save("zeta", ["epsilon"])).status).toBe(401);
  });

  it("follows an invitation moved with its organisation to another lot", async () => {
    expect((await s.api("GET", "/api/my/circle/context", { token: tokens.epsilon! })).body.lot.id).toBe("t-call-lot-b");
    expect((await s.api("PUT", `/api/calls/${CALL}/organisations/epsilon/lot`, { body: { lot: LOT_A } })).status).toBe(200);
    expect((await s.api("GET", "/api/my/circle/context", { token: tokens.epsilon! })).body.lot.id).toBe(LOT_A);
  });

  it("refuses saves as soon as an administrator closes the wave, and takes them again when it follows its dates", async () => {
    expect((await save("gamma")).status).toBe(200);
    expect((await s.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "closed" } })).status).toBe(200);
    const refused = await save("gamma");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("wave_closed");
    expect((await s.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "dates" } })).status).toBe(200);
    expect((await save("gamma")).status).toBe(200);
  });

  it("asks what the wave asks from the moment an administrator changes its questions", async () => {
    const withDesired = { ties: [{ partner: "alpha", forms: { information: 2 }, desired: { information: 3 } }] };
    const refused = await s.api("PUT", "/api/my/circle", { token: tokens.gamma!, body: withDesired });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toContainEqual({ path: "ties[0].desired", message: "the wave does not ask for the desired situation" });
    expect((await s.api("PUT", `/api/waves/${WAVE}/asks`, { body: { desired: true } })).status).toBe(200);
    expect((await s.api("PUT", "/api/my/circle", { token: tokens.gamma!, body: withDesired })).status).toBe(200);
  });

  it("knows an organisation added to the call at the next save", async () => {
    const unknown = await save("gamma", ["eta"]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toContainEqual({ path: "ties[0].partner", message: 'unknown organisation "eta"' });
    const added = await s.api("POST", `/api/calls/${CALL}/organisations`, { body: { id: "eta", name: "Eta Fund", sector: "Zorg", lot: LOT_A } });
    expect(added.status).toBe(201);
    expect((await save("gamma", ["eta"])).status).toBe(200);
  });

  it("names a renamed lot anew in its figures and in the comparison", async () => {
    const figures = `/api/lots/${LOT_A}/metrics?wave=${WAVE}`;
    const comparison = `/api/calls/${CALL}/comparison?wave=${WAVE}`;
    expect((await s.api("GET", figures)).body.lot.name).toBe("Lot A");
    expect((await s.api("GET", comparison)).body.lots[0].lot.name).toBe("Lot A");
    expect((await s.api("PATCH", `/api/lots/${LOT_A}`, { body: { name: "Lot A (bouw)" } })).status).toBe(200);
    expect((await s.api("GET", figures)).body.lot.name).toBe("Lot A (bouw)");
    expect((await s.api("GET", comparison)).body.lots[0].lot.name).toBe("Lot A (bouw)");
  });

  it("refuses a revoked evaluator token at the next request", async () => {
    const made = await s.api("POST", "/api/tokens", { body: { name: "reader" } });
    expect(made.status).toBe(201);
    const figures = `/api/lots/${LOT_A}/metrics?wave=${WAVE}`;
    expect((await s.api("GET", figures, { token: made.body.token })).status).toBe(200);
    expect((await s.api("DELETE", `/api/tokens/${made.body.id}`)).status).toBe(200);
    expect((await s.api("GET", figures, { token: made.body.token })).status).toBe(401);
  });
});
