import { describe, expect, it } from "vitest";
import { DURING_WAVE, inviteAll, tokenOf } from "../helpers/call-document.ts";
import { serverFixture } from "../helpers/fixtures.ts";

const WAVE = "t-call-w1";

describe("a respondent's circle", () => {
  let links: Record<string, string>;
  const as = (org: string) => tokenOf(links[org]!);
  const fx = serverFixture({ now: DURING_WAVE }, async (server) => {
    links = Object.fromEntries(await inviteAll(server));
  });

  it("invites every active member once, and no one twice", async () => {
    expect(Object.keys(links).sort()).toEqual(["alpha", "beta", "epsilon", "gamma", "zeta"]);
    expect(links.beta).toMatch(new RegExp(`^${fx.server.url}/c/[A-Za-z0-9_-]{43}$`));
    const again = await fx.server.api("POST", `/api/waves/${WAVE}/invitations`);
    expect(again.body.invitations).toEqual([]);
  });

  it("shows the respondent its lot's partners and the other organisations by name and initials only", async () => {
    const res = await fx.server.api("GET", "/api/my/circle/context", { token: as("beta") });
    expect(res.status).toBe(200);
    expect(res.body.organisation).toEqual({ id: "beta", name: "Beta Fund", initials: "BF" });
    expect(res.body.partners).toEqual([
      { id: "alpha", name: "Alpha Fund", initials: "AF", role: "coordinator" },
      { id: "gamma", name: "Gamma Fund", initials: "GF", role: "partner" },
    ]);
    expect(res.body.others.map((o: any) => o.id)).toEqual(["epsilon", "zeta", "ext"]);
    for (const o of res.body.others) expect(Object.keys(o).sort()).toEqual(["id", "initials", "name"]);
    expect(res.body.wave.state).toBe("open");
  });

  it("keeps every version: drafts and submissions are appended, the latest is returned", async () => {
    const t = as("beta");
    const draft1 = { ties: [{ partner: "alpha", forms: { information: 2 } }] };
    const draft2 = { ties: [{ partner: "alpha", forms: { information: 3, support: 4 } }, { partner: "ext", forms: { information: 2 } }] };
    const final = { ties: [...draft2.ties, { partner: "gamma", forms: { cocreation: 1 } }] };
    expect((await fx.server.api("PUT", "/api/my/circle", { token: t, body: draft1 })).body.saved).toMatchObject({ version: 1, status: "draft" });
    expect((await fx.server.api("PUT", "/api/my/circle", { token: t, body: draft2 })).body.saved).toMatchObject({ version: 2, status: "draft" });
    const sub = await fx.server.api("POST", "/api/my/circle/submit", { token: t, body: final });
    expect(sub.status).toBe(201);
    expect(sub.body.saved).toMatchObject({ version: 3, status: "submitted", submittedAt: DURING_WAVE.toISOString() });
    // A revision after submitting is a new draft; the submitted version still counts.
    const revised = { ties: [{ partner: "alpha", forms: { support: 1 } }] };
    expect((await fx.server.api("PUT", "/api/my/circle", { token: t, body: revised })).body.saved).toMatchObject({ version: 4, status: "draft" });

    const mine = await fx.server.api("GET", "/api/my/circle", { token: t });
    expect(mine.body.current).toMatchObject({ version: 4, status: "draft", ties: revised.ties });
    expect(mine.body.versions.map((v: any) => [v.version, v.status])).toEqual([
      [1, "draft"], [2, "draft"], [3, "submitted"], [4, "draft"],
    ]);
    expect(fx.server.store.circles.version(WAVE, "beta", 1)!.ties).toEqual(draft1.ties);
    expect(fx.server.store.circles.version(WAVE, "beta", 2)!.ties).toEqual(draft2.ties);

    // Analysis and export see the latest submitted version, never a draft.
    expect(fx.server.store.circles.submittedInLot("t-call-lot-a", WAVE).map((c) => c.version)).toEqual([3]);
    const exported = (await fx.server.api("GET", "/api/calls/t-call/export?format=json")).body;
    expect(exported.circles).toEqual([
      { wave: WAVE, lot: "t-call-lot-a", respondent: "beta", submittedAt: DURING_WAVE.toISOString(), ties: final.ties },
    ]);
  });

  it("validates a draft like the call document: 400 with paths, nothing saved", async () => {
    const t = as("gamma");
    const before = fx.server.store.circles.countVersions();
    const cases: Array<[unknown, string]> = [
      [{ ties: [{ partner: "alpha", forms: { support: 7 } }] }, "ties[0].forms.support"],
      [{ ties: [{ partner: "gamma", forms: { support: 2 } }] }, "ties[0].partner"],
      [{ ties: [{ partner: "nobody", forms: { support: 2 } }] }, "ties[0].partner"],
      [{ ties: [{ partner: "alpha", forms: { support: 2 } }, { partner: "alpha", forms: { information: 1 } }] }, "ties[1].partner"],
      [{ ties: [{ partner: "alpha", forms: {} }] }, "ties[0].forms"],
      [{ tie: [] }, ""],
    ];
    for (const [body, path] of cases) {
      const res = await fx.server.api("PUT", "/api/my/circle", { token: t, body });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    }
    expect(fx.server.store.circles.countVersions()).toBe(before);
  });

  it("refuses saves after the wave closed with 409 and a clear message", async () => {
    fx.server.setNow(new Date("2027-01-05T09:00:00Z"));
    try {
      const before = fx.server.store.circles.countVersions();
      const res = await fx.server.api("PUT", "/api/my/circle", { token: as("alpha"), body: { ties: [] } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("wave_closed");
      expect(res.body.error.message).toMatch(/closed on 2026-12-31/);
      const submit = await fx.server.api("POST", "/api/my/circle/submit", { token: as("alpha"), body: { ties: [] } });
      expect(submit.status).toBe(409);
      expect(fx.server.store.circles.countVersions()).toBe(before);
      // Reading still works after the close.
      expect((await fx.server.api("GET", "/api/my/circle", { token: as("beta") })).status).toBe(200);
    } finally {
      fx.server.setNow(DURING_WAVE);
    }
  });

  it("lets staff enter a paper circle, marked with who entered it", async () => {
    const created = await fx.server.api("POST", "/api/tokens", { body: { name: "Evaluator Eva" } });
    const eva = created.body.token;
    const res = await fx.server.api("POST", `/api/waves/${WAVE}/circles/zeta/submit`, {
      token: eva,
      body: { ties: [{ partner: "epsilon", forms: { information: 4 } }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.saved).toMatchObject({ lot: "t-call-lot-b", status: "submitted", enteredBy: "evaluator:Evaluator Eva" });
    const read = await fx.server.api("GET", `/api/waves/${WAVE}/circles/zeta`, { token: eva });
    expect(read.body.current.ties).toEqual([{ partner: "epsilon", forms: { information: 4 } }]);
    expect((await fx.server.api("GET", `/api/waves/${WAVE}/circles/delta`, { token: eva })).status).toBe(404);
  });

  it("revokes evaluator tokens", async () => {
    const created = await fx.server.api("POST", "/api/tokens", { body: { name: "Temp" } });
    expect((await fx.server.api("GET", "/api/calls", { token: created.body.token })).status).toBe(200);
    expect((await fx.server.api("DELETE", `/api/tokens/${created.body.id}`)).status).toBe(200);
    expect((await fx.server.api("GET", "/api/calls", { token: created.body.token })).status).toBe(401);
    const list = await fx.server.api("GET", "/api/tokens");
    expect(list.body.tokens.find((t: any) => t.id === created.body.id).revokedAt).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
  });

  it("stores tokens only as hashes", async () => {
    const rows = fx.server.store.db.prepare("SELECT hash FROM tokens").all() as Array<{ hash: string }>;
    const dump = JSON.stringify(rows);
    for (const link of Object.values(links)) expect(dump).not.toContain(tokenOf(link));
    for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
