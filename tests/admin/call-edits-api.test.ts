import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdit, type CallEdit } from "../../api/calls/call-edits.ts";
import type { CallDocument } from "../../api/schema/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DURING_WAVE, smallCall, tokenOf } from "../helpers/call-document.ts";

const CALL = "t-call";
const LOT_A = "t-call-lot-a";
const LOT_B = "t-call-lot-b";
const WAVE = "t-call-w1";

describe("editing a call by hand", () => {
  let s: TestServer;
  let links: Record<string, string>;
  const exported = async (): Promise<CallDocument> => (await s.api("GET", `/api/calls/${CALL}/export?format=json`)).body;
  /** Everything an edit could touch: the document, the circle versions and every token. */
  const snapshot = async () => ({
    doc: await exported(),
    versions: s.store.circles.countVersions(),
    invitations: s.store.callEdits.invitations(WAVE),
  });

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
    const inv = await s.api("POST", `/api/waves/${WAVE}/invitations`);
    links = Object.fromEntries(inv.body.invitations.map((i: any) => [i.organisation, i.link]));
    // beta submits, gamma leaves a draft; alpha, epsilon and zeta have not started.
    const circle = { ties: [{ partner: "alpha", forms: { information: 3 } }] };
    expect((await s.api("POST", "/api/my/circle/submit", { token: tokenOf(links.beta!), body: circle })).status).toBe(201);
    expect((await s.api("PUT", "/api/my/circle", { token: tokenOf(links.gamma!), body: circle })).status).toBe(200);
  });
  afterAll(() => s.stop());

  describe("previews an import without writing it", () => {
    it("lists every problem with its path", async () => {
      const doc: any = smallCall({ id: "other" });
      doc.lots[0].members[1].role = "coordinator";
      doc.lots[1].members[1].organisation = "nobody";
      const res = await s.api("POST", "/api/calls/validate", { body: doc });
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      expect(res.body.problems.map((p: any) => p.path).sort()).toEqual(["lots[0].members[1].role", "lots[1].members[1].organisation"]);
    });

    it("reports conflicts with stored data, as the import would", async () => {
      const res = await s.api("POST", "/api/calls/validate", { body: smallCall() });
      expect(res.body.valid).toBe(false);
      expect(res.body.problems.map((p: any) => p.path)).toEqual(["call.id", "lots[0].id", "lots[1].id", "waves[0].id"]);
    });

    it("counts what a valid document holds and writes none of it", async () => {
      const calls = (await s.api("GET", "/api/calls")).body.calls.length;
      const res = await s.api("POST", "/api/calls/validate", { body: smallCall({ id: "fresh" }) });
      expect(res.body).toEqual({ valid: true, problems: [], warnings: [], counts: { organisations: 7, lots: 2, waves: 1, circles: 0 } });
      expect((await s.api("GET", "/api/calls")).body.calls.length).toBe(calls);
      expect((await s.api("GET", "/api/calls/fresh")).status).toBe(404);
    });
  });

  describe("refuses a change that breaks a rule or orphans a circle, and changes nothing", () => {
    const REFUSED: Array<[what: string, method: string, path: string, body: unknown, status: number, detail: { path: string; message: RegExp }]> = [
      ["moving an organisation with a submitted circle", "PUT", `/api/calls/${CALL}/organisations/beta/lot`, { lot: LOT_B }, 409,
        { path: "circles[0]", message: /"beta" has a submitted circle in lot "t-call-lot-a" for wave "Wave 1"/ }],
      ["moving an organisation with a draft circle out of every lot", "PUT", `/api/calls/${CALL}/organisations/gamma/lot`, { lot: null }, 409,
        { path: "circles[1]", message: /"gamma" has a draft circle/ }],
      ["marking inactive a member with a submitted circle", "PUT", `/api/calls/${CALL}/organisations/beta/active`, { active: false }, 409,
        { path: "circles[0]", message: /cannot be marked inactive/ }],
      ["a coordinator from outside the lot", "PUT", `/api/lots/${LOT_A}/coordinator`, { organisation: "epsilon" }, 400,
        { path: "body.organisation", message: /not a member of lot/ }],
      ["a second organisation with an existing id", "POST", `/api/calls/${CALL}/organisations`, { id: "alpha", name: "Alpha bis" }, 400,
        { path: "organisations[7].id", message: /duplicate organisation id "alpha"/ }],
      ["an organisation into an unknown lot", "POST", `/api/calls/${CALL}/organisations`, { id: "eta", name: "Eta", lot: "nowhere" }, 400,
        { path: "body.lot", message: /unknown lot "nowhere"/ }],
      ["an empty name", "PATCH", `/api/calls/${CALL}/organisations/alpha`, { name: " " }, 400,
        { path: "body.name", message: /must not be empty/ }],
      ["a lot id the call has already", "POST", `/api/calls/${CALL}/lots`, { id: LOT_A, number: 3, name: "Lot C" }, 400,
        { path: "lots[2].id", message: /duplicate lot id/ }],
      ["a wave closing before it opens", "POST", `/api/calls/${CALL}/waves`, { id: "w2", name: "Wave 2", opens: "2027-03-01", closes: "2027-02-01" }, 400,
        { path: "waves[1].closes", message: /must not be before opens/ }],
      ["marking active an organisation outside every lot", "PUT", `/api/calls/${CALL}/organisations/ext/active`, { active: true }, 400,
        { path: "body.active", message: /not a member of any lot/ }],
    ];

    for (const [what, method, path, body, status, detail] of REFUSED) {
      it(what, async () => {
        const before = await snapshot();
        const res = await s.api(method, path, { body });
        expect(res.status).toBe(status);
        expect(res.body.error.details).toContainEqual({ path: detail.path, message: expect.stringMatching(detail.message) });
        expect(await snapshot()).toEqual(before);
      });
    }

    it("a wave id another call uses", async () => {
      expect((await s.api("POST", "/api/calls/import", { body: smallCall({ id: "second" }) })).status).toBe(201);
      const before = await snapshot();
      const res = await s.api("POST", `/api/calls/${CALL}/waves`, { body: { id: "second-w1", name: "W", opens: "2027-01-01", closes: "2027-02-01" } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("id_taken");
      expect(res.body.error.details).toEqual([{ path: "body.id", message: 'wave id "second-w1" is used by call "second"' }]);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("applies an allowed change exactly as the document rules describe it", () => {
    const ALLOWED: Array<[what: string, method: string, path: string, body: unknown, edit: CallEdit]> = [
      ["adds an organisation into a lot", "POST", `/api/calls/${CALL}/organisations`,
        { id: "eta", name: "Eta Fund", sector: "Zorg", lot: LOT_B },
        { kind: "add-organisation", organisation: { id: "eta", name: "Eta Fund", sector: "Zorg", kind: "sector-fund" }, lot: LOT_B }],
      ["renames an organisation and clears its sector", "PATCH", `/api/calls/${CALL}/organisations/eta`, { name: "Eta Vlaanderen", sector: null },
        { kind: "change-organisation", organisation: "eta", changes: { name: "Eta Vlaanderen", sector: null } }],
      ["adds a lot", "POST", `/api/calls/${CALL}/lots`, { id: "t-call-lot-c", number: 3, name: "Lot C" },
        { kind: "add-lot", lot: { id: "t-call-lot-c", number: 3, name: "Lot C" } }],
      ["renames a lot", "PATCH", "/api/lots/t-call-lot-c", { name: "Lot C (zorg)", jointCommittees: ["330"] },
        { kind: "change-lot", lot: "t-call-lot-c", changes: { name: "Lot C (zorg)", jointCommittees: ["330"] } }],
      ["moves an organisation without circles, as a partner", "PUT", `/api/calls/${CALL}/organisations/epsilon/lot`, { lot: "t-call-lot-c" },
        { kind: "move", organisation: "epsilon", lot: "t-call-lot-c" }],
      ["sets a coordinator, demoting the previous one", "PUT", `/api/lots/${LOT_A}/coordinator`, { organisation: "beta" },
        { kind: "set-coordinator", lot: LOT_A, organisation: "beta" }],
      ["marks a member without circles inactive", "PUT", `/api/calls/${CALL}/organisations/zeta/active`, { active: false },
        { kind: "set-active", organisation: "zeta", active: false }],
      ["adds a wave", "POST", `/api/calls/${CALL}/waves`, { id: "t-call-w2", name: "Wave 2", opens: "2027-01-01", closes: "2027-02-28" },
        { kind: "add-wave", wave: { id: "t-call-w2", name: "Wave 2", opens: "2027-01-01", closes: "2027-02-28" } }],
    ];

    const coordinatorFigure = async () => (await s.api("GET", `/api/lots/${LOT_A}/metrics?wave=${WAVE}`)).body.coordinator.id;
    it("(the lot's figures, computed and kept before the edits)", async () => {
      expect(await coordinatorFigure()).toBe("alpha");
    });

    for (const [what, method, path, body, edit] of ALLOWED) {
      it(what, async () => {
        const before = await exported();
        const versions = s.store.circles.countVersions();
        const res = await s.api(method, path, { body });
        expect(res.status).toBeLessThan(300);
        expect(await exported()).toEqual(applyEdit(before, edit));
        expect(s.store.circles.countVersions()).toBe(versions);
      });
    }

    it("recomputes the lot's figures after an edit instead of serving the kept ones", async () => {
      expect(await coordinatorFigure()).toBe("beta");
    });

    it("moved the organisation's live invitation along with it", async () => {
      const ctx = await s.api("GET", "/api/my/circle/context", { token: tokenOf(links.epsilon!) });
      expect(ctx.status).toBe(200);
      expect(ctx.body.lot.id).toBe("t-call-lot-c");
    });

    it("revoked the invitation of the member marked inactive", async () => {
      expect((await s.api("GET", "/api/my/circle/context", { token: tokenOf(links.zeta!) })).status).toBe(401);
    });
  });

  describe("waves", () => {
    it("shows per lot who submitted, who has a draft and who has not started", async () => {
      const res = await s.api("GET", `/api/waves/${WAVE}/progress`);
      expect(res.status).toBe(200);
      const lotA = res.body.lots.find((l: any) => l.id === LOT_A);
      expect(Object.fromEntries(lotA.members.map((m: any) => [m.organisation, m.status]))).toEqual({
        alpha: "not-started", beta: "submitted", gamma: "draft", delta: "inactive",
      });
      expect(lotA.counts).toEqual({ submitted: 1, draft: 1, notStarted: 1, invited: 0, failed: 0, opened: 0 });
    });

    it("closes a wave by hand, refusing saves, and hands it back to its dates", async () => {
      const circle = { ties: [{ partner: "beta", forms: { support: 2 } }] };
      const closed = await s.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "closed" } });
      expect(closed.body.wave).toMatchObject({ id: WAVE, state: "closed", override: "closed" });
      const refused = await s.api("PUT", "/api/my/circle", { token: tokenOf(links.alpha!), body: circle });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("wave_closed");
      const back = await s.api("PUT", `/api/waves/${WAVE}/state`, { body: { state: "dates" } });
      expect(back.body.wave).toMatchObject({ state: "open", override: null });
      expect((await s.api("PUT", "/api/my/circle", { token: tokenOf(links.alpha!), body: circle })).status).toBe(200);
    });
  });

  describe("invitations", () => {
    const liveOf = async (org: string) =>
      (await s.api("GET", `/api/waves/${WAVE}/invitations`)).body.invitations.find((i: any) => i.organisation === org && !i.revokedAt);

    it("lists invitations without their links, and keeps the e-mails entered", async () => {
      const res = await s.api("PUT", `/api/waves/${WAVE}/invitations/emails`, { body: { emails: [{ organisation: "alpha", email: "an@alpha.example" }] } });
      expect(res.status).toBe(200);
      const alpha = await liveOf("alpha");
      expect(alpha).toMatchObject({ organisation: "alpha", lotId: LOT_A, email: "an@alpha.example" });
      expect(JSON.stringify((await s.api("GET", `/api/waves/${WAVE}/invitations`)).body)).not.toMatch(/\/c\//);
    });

    it("refuses e-mails for an organisation without a live link, saving none", async () => {
      const res = await s.api("PUT", `/api/waves/${WAVE}/invitations/emails`, {
        body: { emails: [{ organisation: "alpha", email: "other@alpha.example" }, { organisation: "zeta", email: "z@zeta.example" }] },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "body.emails[1].organisation", message: '"zeta" has no live invitation in this wave' }]);
      expect((await liveOf("alpha")).email).toBe("an@alpha.example");
    });

    it("re-issues a link: the old one stops working, the new one names the same circle and keeps the e-mail", async () => {
      const old = await liveOf("alpha");
      const res = await s.api("POST", `/api/invitations/${old.id}/reissue`);
      expect(res.status).toBe(201);
      expect(res.body.invitation).toMatchObject({ organisation: "alpha", waveId: WAVE, lotId: LOT_A, email: "an@alpha.example" });
      expect(res.body.link).toMatch(new RegExp(`^${s.url}/c/[A-Za-z0-9_-]{43}$`));
      expect((await s.api("GET", "/api/my/circle", { token: tokenOf(links.alpha!) })).status).toBe(401);
      const mine = await s.api("GET", "/api/my/circle", { token: tokenOf(res.body.link) });
      expect(mine.body.current.respondent).toBe("alpha");
      // The revoked one cannot be re-issued a second time while its successor lives.
      const again = await s.api("POST", `/api/invitations/${old.id}/reissue`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("already_invited");
    });

    it("revokes a link", async () => {
      const beta = await liveOf("beta");
      expect((await s.api("DELETE", `/api/invitations/${beta.id}`)).body.invitation.revokedAt).toBe(DURING_WAVE.toISOString());
      expect((await s.api("GET", "/api/my/circle", { token: tokenOf(links.beta!) })).status).toBe(401);
    });

    it("gives no new link to an inactive member", async () => {
      const zeta = (await s.api("GET", `/api/waves/${WAVE}/invitations`)).body.invitations.find((i: any) => i.organisation === "zeta");
      const res = await s.api("POST", `/api/invitations/${zeta.id}/reissue`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("not_active");
    });

    it("treats a token that is no invitation as unknown", async () => {
      const evaluator = (await s.api("POST", "/api/tokens", { body: { name: "Eva" } })).body.id;
      expect((await s.api("DELETE", `/api/invitations/${evaluator}`)).status).toBe(404);
      expect((await s.api("GET", "/api/tokens")).body.tokens.find((t: any) => t.id === evaluator).revokedAt).toBeUndefined();
    });
  });
});
