import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonical, DURING_WAVE, smallCall, tokenOf } from "../helpers/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const CALL = "q";
const WAVE = "q-w1";

describe("an administrator sets the questions a wave asks", () => {
  let s: TestServer;
  let links: Record<string, string>;
  const exported = async () => (await s.api("GET", `/api/calls/${CALL}/export?format=json`)).body;
  const setAsks = (asks: unknown, wave = WAVE) => s.api("PUT", `/api/waves/${wave}/asks`, { body: asks });

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    expect((await s.api("POST", "/api/calls/import", { body: smallCall({ id: CALL }) })).status).toBe(201);
    const inv = await s.api("POST", `/api/waves/${WAVE}/invitations`);
    links = Object.fromEntries(inv.body.invitations.map((i: any) => [i.organisation, i.link]));
  });
  afterAll(() => s.stop());

  it("adds a wave that asks questions, and changes them while nobody answered", async () => {
    const added = await s.api("POST", `/api/calls/${CALL}/waves`, {
      body: { id: "q-w2", name: "Wave 2", opens: "2027-01-01", closes: "2027-02-28", asks: { desired: true, nextPartners: true } },
    });
    expect(added.status).toBe(201);
    const res = await setAsks({ desired: true, channels: true, nextPartners: false });
    expect(res.status).toBe(200);
    expect(res.body.wave).toEqual({
      id: WAVE, name: "Wave 1", opens: "2026-01-01", closes: "2026-12-31", callId: CALL, state: "open",
      asks: { desired: true, channels: true, nextPartners: false },
    });
    const doc = await exported();
    expect(doc.waves.map((w: any) => w.asks)).toEqual([{ desired: true, channels: true, nextPartners: false }, { desired: true, nextPartners: true }]);
    // The respondent's page learns what to ask from the circle's context.
    const context = await s.api("GET", "/api/my/circle/context", { token: tokenOf(links.beta!) });
    expect(context.body.wave.asks).toEqual({ desired: true, channels: true, nextPartners: false });
  });

  it("carries the questions through an export and an import unchanged", async () => {
    const doc = await exported();
    const other = await startTestServer({ now: DURING_WAVE });
    try {
      expect((await other.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
      const again = (await other.api("GET", `/api/calls/${CALL}/export?format=json`)).body;
      expect(canonical(again)).toEqual(canonical(doc));
      expect(again.waves[0].asks).toEqual({ desired: true, channels: true, nextPartners: false });
    } finally {
      await other.stop();
    }
  });

  it("refuses a body that is not a set of known questions, at its path, changing nothing", async () => {
    const before = await exported();
    const res = await setAsks({ desired: "yes", interview: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path).sort()).toEqual(["body", "body.desired"]);
    expect(await exported()).toEqual(before);
    expect((await setAsks({ desired: true }, "nowhere")).status).toBe(404);
  });

  it("refuses to drop a question a draft already answers (409), then to change anything once a circle is submitted", async () => {
    const draft = { ties: [{ partner: "alpha", forms: { support: 2 }, channels: ["email"] }] };
    expect((await s.api("PUT", "/api/my/circle", { token: tokenOf(links.gamma!), body: draft })).status).toBe(200);
    const before = await exported();
    const drop = await setAsks({ desired: true, channels: false });
    expect(drop.status).toBe(409);
    expect(drop.body.error.code).toBe("would_orphan_answers");
    const at = before.circles.findIndex((c: any) => c.respondent === "gamma");
    expect(drop.body.error.details).toEqual([{ path: `circles[${at}].ties[0].channels`, message: 'the draft of "gamma" answers the channels; it cannot be dropped from the wave' }]);
    // Adding a question is still allowed while nobody submitted; asking the same again changes nothing.
    expect((await setAsks({ desired: true, channels: true, nextPartners: true })).status).toBe(200);
    expect((await setAsks({ desired: true, channels: true, nextPartners: true })).status).toBe(200);

    const circle = { ties: [{ partner: "alpha", forms: { information: 3 }, desired: { information: 4 } }] };
    expect((await s.api("POST", "/api/my/circle/submit", { token: tokenOf(links.beta!), body: circle })).status).toBe(201);
    const answered = await exported();
    const refused = await setAsks({ desired: true, channels: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("wave_answered");
    expect(refused.body.error.details.map((d: any) => d.message)).toEqual([
      '"beta" submitted its circle in wave "Wave 1" with the questions as they were; they can no longer change',
    ]);
    expect(await exported()).toEqual(answered);
  });
});
