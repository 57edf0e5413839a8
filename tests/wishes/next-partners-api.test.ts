import { codesOf } from "../../api/exports/pseudonymise.ts";
import { describe, expect, it } from "vitest";
import { CallDocumentSchema, type CallDocumentInput } from "../../api/schema/call-document.ts";
import { canonical, DURING_WAVE, inviteAll, smallCall, tokenOf, refusedImport } from "../helpers/call-document.ts";
import { serverFixture } from "../helpers/fixtures.ts";

const WAVE = "t-call-w1";

/** smallCall whose wave asks the next-partners question. */
function askingCall(): CallDocumentInput {
  const doc = smallCall();
  doc.waves[0]!.asks = { nextPartners: true };
  return doc;
}

describe("the next-partners question in the call document", () => {
  const fx = serverFixture({ now: DURING_WAVE });

  it("round-trips a wave's question and the circles' answers exactly", async () => {
    const doc = smallCall({ id: "rt" });
    doc.waves.push({ id: "rt-w2", name: "Wave 2", opens: "2026-01-01", closes: "2026-12-31", asks: { nextPartners: true } });
    doc.waves[0]!.asks = { nextPartners: false };
    doc.circles = [
      { wave: "rt-w1", lot: "rt-lot-a", respondent: "beta", submittedAt: "2026-02-01T10:00:00Z", ties: [{ partner: "alpha", forms: { support: 2 } }] },
      {
        wave: "rt-w2", lot: "rt-lot-a", respondent: "beta", submittedAt: "2026-03-01T10:00:00Z",
        ties: [{ partner: "alpha", forms: { information: 3 } }],
        nextPartners: { with: ["epsilon", "ext"], without: ["gamma"] },
      },
      { wave: "rt-w2", lot: "rt-lot-b", respondent: "zeta", ties: [], nextPartners: { with: [], without: [] } },
    ];
    expect((await fx.server.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const exported = await fx.server.api("GET", "/api/calls/rt/export?format=json");
    expect(exported.status).toBe(200);
    // Defaults the author left out (`kind`, `active`) come back written out; everything else as given.
    expect(canonical(exported.body)).toEqual(canonical(CallDocumentSchema.parse(doc)));
  });

  it("refuses answers the wave does not ask for, and names outside the call, the respondent itself or twice", async () => {
    const doc = smallCall({ id: "bad" });
    doc.waves.push({ id: "bad-w2", name: "Wave 2", opens: "2026-01-01", closes: "2026-12-31", asks: { nextPartners: true } });
    doc.circles = [
      { wave: "bad-w1", lot: "bad-lot-a", respondent: "beta", ties: [], nextPartners: { with: ["alpha"], without: [] } },
      { wave: "bad-w2", lot: "bad-lot-a", respondent: "gamma", ties: [], nextPartners: { with: ["gamma", "nobody", "alpha"], without: ["alpha"] } },
    ];
    expect(await refusedImport(fx.server, doc)).toEqual([
      { path: "circles[0].nextPartners", message: "the wave does not ask for next partners" },
      { path: "circles[1].nextPartners.with[0]", message: "a respondent cannot name itself" },
      { path: "circles[1].nextPartners.with[1]", message: 'unknown organisation "nobody"' },
      { path: "circles[1].nextPartners.without[0]", message: '"alpha" is named twice' },
    ]);
    // A question the format does not know is refused at its path.
    const unknown = smallCall({ id: "bad2" });
    (unknown.waves[0] as any).asks = { nextPartner: true };
    const res2 = await fx.server.api("POST", "/api/calls/import", { body: unknown });
    expect(res2.status).toBe(400);
    expect(res2.body.error.details[0].path).toBe("waves[0].asks");
  });

  it("lets an admin add a wave that asks the question", async () => {
    expect((await fx.server.api("POST", "/api/calls/import", { body: smallCall({ id: "add" }) })).status).toBe(201);
    const wave = { id: "add-w2", name: "Wave 2", opens: "2026-01-01", closes: "2026-12-31", asks: { nextPartners: true } };
    expect((await fx.server.api("POST", "/api/calls/add/waves", { body: wave })).status).toBeLessThan(300);
    const exported = await fx.server.api("GET", "/api/calls/add/export?format=json");
    expect(exported.body.waves.find((w: any) => w.id === "add-w2")).toEqual(wave);
  });
});

describe("a respondent's wish", () => {
  let links: Record<string, string>;
  const as = (org: string) => tokenOf(links[org]!);
  const fx = serverFixture({ now: DURING_WAVE }, async (server) => {
    links = Object.fromEntries(await inviteAll(server, askingCall()));
  });

  it("is asked when the wave asks it, saved with the draft and the submission, and read back", async () => {
    const t = as("beta");
    expect((await fx.server.api("GET", "/api/my/circle/context", { token: t })).body.wave.asks).toEqual({ nextPartners: true, desired: false, channels: false });
    const draft = { ties: [{ partner: "alpha", forms: { information: 2 } }], nextPartners: { with: ["zeta"], without: [] } };
    expect((await fx.server.api("PUT", "/api/my/circle", { token: t, body: draft })).status).toBe(200);
    expect((await fx.server.api("GET", "/api/my/circle", { token: t })).body.current).toMatchObject(draft);
    const final = { ...draft, nextPartners: { with: ["zeta", "epsilon"], without: ["gamma"] } };
    expect((await fx.server.api("POST", "/api/my/circle/submit", { token: t, body: final })).status).toBe(201);
    expect((await fx.server.api("GET", "/api/my/circle", { token: t })).body.current).toMatchObject({ status: "submitted", ...final });
    // Staff read it with the circle.
    const staff = await fx.server.api("GET", `/api/waves/${WAVE}/circles/beta`);
    expect(staff.body.current.nextPartners).toEqual(final.nextPartners);
  });

  it("refuses a wish naming the respondent itself or an unknown organisation, at its path", async () => {
    const res = await fx.server.api("PUT", "/api/my/circle", {
      token: as("gamma"),
      body: { ties: [], nextPartners: { with: ["gamma"], without: ["nobody"] } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(["nextPartners.with[0]", "nextPartners.without[0]"]);
  });

  it("never reaches another respondent: every answer a partner can read is the same with or without the wish", async () => {
    // Everything gamma (beta's lot partner) and zeta (whom beta names) can read through their links.
    const readable = async (org: string) => {
      const t = as(org);
      const out: unknown[] = [];
      for (const path of ["/api/my/circle/context", "/api/my/circle", "/api/my/report", "/api/session"]) {
        const res = await fx.server.api("GET", path, { token: t });
        out.push([path, res.status, res.body]);
      }
      return JSON.stringify(out);
    };
    const wish = { ties: [{ partner: "gamma", forms: { support: 3 } }], nextPartners: { with: ["zeta", "ext"], without: ["gamma", "epsilon"] } };
    const setWish = (nextPartners: typeof wish.nextPartners) =>
      fx.server.api("POST", "/api/my/circle/submit", { token: as("alpha"), body: { ...wish, nextPartners } });
    expect((await setWish({ with: [], without: [] })).status).toBe(201);
    const before = { gamma: await readable("gamma"), zeta: await readable("zeta") };
    expect((await setWish(wish.nextPartners)).status).toBe(201);
    expect(await readable("gamma")).toBe(before.gamma);
    expect(await readable("zeta")).toBe(before.zeta);
    // And after the wave has closed, when the feedback report opens.
    fx.server.setNow(new Date("2027-01-15T12:00:00Z"));
    try {
      const closed = { gamma: await readable("gamma"), zeta: await readable("zeta") };
      fx.server.setNow(DURING_WAVE);
      expect((await setWish({ with: [], without: [] })).status).toBe(201);
      fx.server.setNow(new Date("2027-01-15T12:00:00Z"));
      expect(await readable("gamma")).toBe(closed.gamma);
      expect(await readable("zeta")).toBe(closed.zeta);
      expect(JSON.parse(closed.gamma)[2][1]).toBe(200);
    } finally {
      fx.server.setNow(DURING_WAVE);
    }
  });

  it("leaves the pseudonymised call document without identities", async () => {
    const res = await fx.server.api("GET", "/api/calls/t-call/export?format=json&pseudonymise=true&export=wishes-export");
    const plain = (await fx.server.api("GET", "/api/calls/t-call/export?format=json")).body;
    const codes = codesOf(plain.organisations.map((o: any) => o.id), plain.lots.map((l: any) => l.id), "wishes-export").organisations;
    const beta = res.body.circles.find((c: any) => c.nextPartners?.with.length === 2);
    expect(beta.nextPartners).toEqual({ with: [codes.get("zeta"), codes.get("epsilon")], without: [codes.get("gamma")] });
  });
});
