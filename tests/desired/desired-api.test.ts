import { describe, expect, it } from "vitest";
import { CallDocumentSchema, type CallDocumentInput } from "../../api/schema/call-document.ts";
import { canonical, DURING_WAVE, smallCall, tokenOf, refusedImport } from "../helpers/call-document.ts";
import { serverFixture } from "../helpers/fixtures.ts";

/** smallCall with a second wave that asks the desired situation and the channels. */
function askingCall(id: string): CallDocumentInput {
  const doc = smallCall({ id });
  doc.waves.push({ id: `${id}-w2`, name: "Wave 2", opens: "2026-01-01", closes: "2026-12-31", asks: { desired: true, channels: true } });
  return doc;
}

describe("the desired situation and channels in the call document", () => {
  const fx = serverFixture({ now: DURING_WAVE });

  it("round-trips the wave's questions and the ties' answers exactly, a wish without forms included", async () => {
    const doc = askingCall("rt");
    doc.circles = [
      {
        wave: "rt-w2", lot: "rt-lot-a", respondent: "beta", submittedAt: "2026-03-01T10:00:00Z",
        ties: [
          { partner: "gamma", forms: {}, desired: { cocreation: 3 } },
          { partner: "alpha", forms: { information: 2 }, desired: { information: 2, cocreation: 3 }, channels: ["steering-group", "email"] },
          { partner: "ext", forms: { support: 1 }, desired: {}, channels: [] },
        ],
      },
      { wave: "rt-w1", lot: "rt-lot-a", respondent: "beta", submittedAt: "2026-02-01T10:00:00Z", ties: [{ partner: "alpha", forms: { support: 2 } }] },
      { wave: "rt-w2", lot: "rt-lot-b", respondent: "zeta", ties: [{ partner: "epsilon", forms: { support: 4 }, channels: ["phone"] }] },
    ];
    expect((await fx.server.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const exported = await fx.server.api("GET", "/api/calls/rt/export?format=json");
    expect(exported.status).toBe(200);
    expect(canonical(exported.body)).toEqual(canonical(CallDocumentSchema.parse(doc)));
    // The order of the partners is kept, the wish-only tie in its place.
    const beta = exported.body.circles.find((c: any) => c.wave === "rt-w2" && c.respondent === "beta");
    expect(beta.ties.map((t: any) => t.partner)).toEqual(["gamma", "alpha", "ext"]);
  });

  it("refuses every rule break at its path and writes nothing", async () => {
    const doc = askingCall("bad");
    doc.circles = [
      // Wave 1 asks nothing.
      { wave: "bad-w1", lot: "bad-lot-a", respondent: "beta", ties: [{ partner: "alpha", forms: { support: 2 }, desired: { support: 3 }, channels: ["email"] }] },
      // Submitted in wave 2: every tie needs `desired`.
      { wave: "bad-w2", lot: "bad-lot-a", respondent: "gamma", submittedAt: "2026-03-01T10:00:00Z", ties: [{ partner: "alpha", forms: { support: 2 } }] },
      // A channel twice.
      { wave: "bad-w2", lot: "bad-lot-a", respondent: "alpha", ties: [{ partner: "beta", forms: { support: 2 }, channels: ["phone", "phone"] }] },
    ];
    expect(await refusedImport(fx.server, doc)).toEqual([
      { path: "circles[0].ties[0].desired", message: "the wave does not ask for the desired situation" },
      { path: "circles[0].ties[0].channels", message: "the wave does not ask for channels" },
      { path: "circles[1].ties[0].desired", message: "a submitted circle gives the desired situation of every tie" },
      { path: "circles[2].ties[0].channels[1]", message: '"phone" is listed twice' },
    ]);
    // Shape: an unknown channel, and empty forms without a desired collaboration.
    const shape = askingCall("bad2");
    shape.circles = [
      {
        wave: "bad2-w2", lot: "bad2-lot-a", respondent: "beta",
        ties: [
          { partner: "alpha", forms: { support: 2 }, channels: ["carrier-pigeon" as never] },
          { partner: "gamma", forms: {}, desired: {} },
        ],
      },
    ];
    const res2 = await fx.server.api("POST", "/api/calls/import", { body: shape });
    expect(res2.status).toBe(400);
    expect(res2.body.error.details.map((d: any) => d.path)).toEqual(["circles[0].ties[0].channels[0]", "circles[0].ties[1].forms"]);
    expect((await fx.server.api("GET", "/api/calls/bad/export?format=json")).status).toBe(404);
    expect((await fx.server.api("GET", "/api/calls/bad2/export?format=json")).status).toBe(404);
  });
});

describe("a respondent's desired situation and channels", () => {
  let links: Record<string, string>;
  const as = (org: string) => tokenOf(links[org]!);
  const fx = serverFixture({ now: DURING_WAVE }, async (server) => {
    expect((await server.api("POST", "/api/calls/import", { body: askingCall("t") })).status).toBe(201);
    const inv1 = await server.api("POST", "/api/waves/t-w1/invitations");
    const inv2 = await server.api("POST", "/api/waves/t-w2/invitations");
    links = Object.fromEntries([
      ...inv1.body.invitations.map((i: any) => [`w1/${i.organisation}`, i.link]),
      ...inv2.body.invitations.map((i: any) => [i.organisation, i.link]),
    ]);
  });

  it("refuses the answers in a wave that does not ask them, at their path, and saves nothing", async () => {
    const t = as("w1/beta");
    const res = await fx.server.api("PUT", "/api/my/circle", {
      token: t,
      body: { ties: [{ partner: "alpha", forms: { support: 2 }, desired: { support: 3 }, channels: ["email"] }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(["ties[0].desired", "ties[0].channels"]);
    expect((await fx.server.api("GET", "/api/my/circle", { token: t })).body.current).toBeNull();
  });

  it("refuses an unknown channel and a tie with neither forms nor a desired collaboration, at their paths, and saves nothing", async () => {
    const t = as("alpha");
    const res = await fx.server.api("PUT", "/api/my/circle", {
      token: t,
      body: {
        ties: [
          { partner: "beta", forms: { support: 2 }, desired: { support: 3 }, channels: ["email", "carrier-pigeon"] },
          { partner: "gamma", forms: {}, desired: {} },
          { partner: "ext", forms: {} },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(["ties[0].channels[1]", "ties[1].forms", "ties[2].forms"]);
    const submitted = await fx.server.api("POST", "/api/my/circle/submit", { token: t, body: { ties: [{ partner: "beta", forms: {}, desired: {} }] } });
    expect(submitted.status).toBe(400);
    expect(submitted.body.error.details.map((d: any) => d.path)).toEqual(["ties[0].forms"]);
    expect((await fx.server.api("GET", "/api/my/circle", { token: t })).body).toMatchObject({ current: null, versions: [] });
  });

  it("keeps a draft without desired, refuses the submission until every tie has it, then stores and reads it back", async () => {
    const t = as("beta");
    const draft = { ties: [{ partner: "alpha", forms: { support: 2 }, channels: ["steering-group"] }] };
    expect((await fx.server.api("PUT", "/api/my/circle", { token: t, body: draft })).status).toBe(200);
    const early = await fx.server.api("POST", "/api/my/circle/submit", { token: t, body: draft });
    expect(early.status).toBe(400);
    expect(early.body.error.details.map((d: any) => d.path)).toEqual(["ties[0].desired"]);
    const final = {
      ties: [
        { partner: "alpha", forms: { support: 2 }, desired: { support: 4 }, channels: ["steering-group", "email"] },
        { partner: "gamma", forms: {}, desired: { cocreation: 3 } },
      ],
    };
    expect((await fx.server.api("POST", "/api/my/circle/submit", { token: t, body: final })).status).toBe(201);
    expect((await fx.server.api("GET", "/api/my/circle", { token: t })).body.current).toMatchObject({ status: "submitted", ...final });
  });

  it("serves the figures of the spec from the metrics endpoint", async () => {
    const t = as("gamma");
    const circle = { ties: [{ partner: "alpha", forms: { information: 3 }, desired: {}, channels: ["phone"] }] };
    expect((await fx.server.api("POST", "/api/my/circle/submit", { token: t, body: circle })).status).toBe(201);
    const res = await fx.server.api("GET", "/api/lots/t-lot-a/metrics?wave=t-w2");
    expect(res.status).toBe(200);
    // Arcs beta>alpha 2 and gamma>alpha 3; desired beta>alpha 4, beta>gamma 3; gamma wants alpha no more.
    expect(res.body.desired).toEqual({
      m: 2, density: 2 / 6, meanContribution: 3.5,
      gap: { deepen: 2, loosen: 1, same: 0, wished: 1, dropped: 1, meanDelta: (2 + 3 - 3) / 3 },
    });
    expect(Object.fromEntries(res.body.nodes.map((n: any) => [n.id, n.desiredInStrength]))).toEqual({ alpha: 4, beta: 0, gamma: 3 });
    expect(res.body.coordinator).toMatchObject({ inStrengthShare: 1, desiredInStrengthShare: 4 / 7 });
    expect(res.body.coordinator.desiredDominanceIndex).toBeCloseTo((4 / 7 - 1 / 3) / (2 / 3), 12);
    expect(res.body.channels).toEqual({
      answered: 2,
      share: { "steering-group": 0.5, "learning-network": 0, email: 0.5, phone: 0.5, "chance-meeting": 0 },
      formalShare: 0.5,
      informalOnlyShare: 0.5,
    });
    const w1 = await fx.server.api("GET", "/api/lots/t-lot-a/metrics?wave=t-w1");
    expect(w1.body.desired).toBeNull();
    expect(w1.body.channels).toBeNull();
  });
});
