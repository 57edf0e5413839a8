import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallDocumentInput } from "../../api/schema/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// Written by scripts/make-networkx-fixtures.py: call documents whose wave asks the desired
// situation and the channels, with the figures of docs/metrics.md computed in Python per lot and layer.
interface Expected {
  desired: Record<string, unknown> | null;
  desiredInStrength: Record<string, number> | null;
  coordinator: { id: string; desiredInStrengthShare: number | null; desiredDominanceIndex: number | null } | null;
  channels: Record<string, unknown> | null;
}
interface Fixture {
  name: string;
  call: CallDocumentInput;
  expected: Record<string, Record<string, Expected>>;
}

const dir = resolve(import.meta.dirname, "../fixtures/desired");
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(resolve(dir, f), "utf8")));

const LAYERS = ["all", "information", "support", "cocreation"] as const;
const MODES = ["observed", "reconstruct"] as const;

/** Equal to 1e-9 where numbers, exactly elsewhere, walking objects. */
function expectClose(actual: unknown, expected: unknown, what: string): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), `${what}: ${actual} vs Python ${expected}`).toBeLessThanOrEqual(1e-9);
  } else if (expected !== null && typeof expected === "object") {
    expect(actual, what).toBeTypeOf("object");
    expect(Object.keys(actual as object).sort(), what).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${what}.${k}`);
  } else {
    expect(actual, what).toEqual(expected);
  }
}

describe("desired and channel figures of the metrics endpoints", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ now: new Date("2026-06-15T12:00:00Z") });
    for (const f of fixtures) expect((await s.api("POST", "/api/calls/import", { body: f.call })).status, f.name).toBe(201);
  });
  afterAll(() => s.stop());

  it("has fixtures with desired and channel answers, and with one question asked alone", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    const asks = fixtures.map((f) => f.call.waves[0]!.asks);
    expect(asks.some((a) => a?.desired && a.channels)).toBe(true);
    expect(asks.some((a) => a?.desired && !a.channels)).toBe(true);
    expect(asks.some((a) => !a?.desired && a?.channels)).toBe(true);
  });

  it("answers the hand-worked lot: every kind of pair, a draft and an inactive member left out", async () => {
    // alpha (coordinator) and beta responded; gamma's draft does not count; eps is inactive.
    // alpha: beta 3 -> 4 (deepen), gamma 3 -> none (dropped), delta none -> 1 (wished);
    // beta: alpha 3 -> 3 (same), gamma 4 -> 2 (loosen).
    const all = (await s.api("GET", "/api/lots/desired-known-a/metrics?layer=all")).body;
    expect(all.desired).toEqual({
      m: 4, density: 4 / 12, meanContribution: (4 + 1 + 3 + 2) / 4,
      gap: { deepen: 2, loosen: 2, same: 1, wished: 1, dropped: 1, meanDelta: (1 - 3 + 1 + 0 - 2) / 5 },
    });
    expect(Object.fromEntries(all.nodes.map((n: any) => [n.id, n.desiredInStrength]))).toEqual({ alpha: 3, beta: 4, gamma: 2, delta: 1 });
    expect(all.coordinator.desiredInStrengthShare).toBeCloseTo(3 / 10, 12);
    expect(all.coordinator.desiredDominanceIndex).toBeCloseTo((3 / 10 - 1 / 4) / (3 / 4), 12);
    // Channels of the arcs from R that list one: alpha>beta (steering group, e-mail), alpha>gamma (phone),
    // beta>gamma (chance meeting, e-mail); beta>alpha lists none, the tie to eps is no arc.
    expect(all.channels.answered).toBe(3);
    expect(all.channels.share).toEqual({ "steering-group": 1 / 3, "learning-network": 0, email: 2 / 3, phone: 1 / 3, "chance-meeting": 1 / 3 });
    expect(all.channels.formalShare).toBe(1 / 3);
    expect(all.channels.informalOnlyShare).toBe(2 / 3);
    // Co-creation keeps alpha>gamma 3 -> 0 (dropped) and the wishes alpha>beta 2, alpha>delta 1 (both wished).
    const cocreation = (await s.api("GET", "/api/lots/desired-known-a/metrics?layer=cocreation")).body;
    expect(cocreation.desired).toEqual({
      m: 2, density: 2 / 12, meanContribution: 1.5,
      gap: { deepen: 2, loosen: 1, same: 0, wished: 2, dropped: 1, meanDelta: (2 + 1 - 3) / 3 },
    });
    expect(cocreation.coordinator).toMatchObject({ desiredInStrengthShare: 0, desiredDominanceIndex: -1 / 3 });
    expect(cocreation.channels).toMatchObject({ answered: 1, formalShare: 0, informalOnlyShare: 1 });
  });

  it("follows a change of the wave's questions, though its figures were kept", async () => {
    const doc = structuredClone(fixtures.find((f) => f.name === "desired-known")!.call);
    doc.call.id = "asks-change";
    doc.lots[0]!.id = "asks-change-a";
    doc.waves[0]!.id = "asks-change-w";
    doc.waves[0]!.asks = {};
    doc.circles = [];
    expect((await s.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const before = (await s.api("GET", "/api/lots/asks-change-a/metrics")).body;
    expect([before.desired, before.channels]).toEqual([null, null]);
    expect((await s.api("PUT", "/api/waves/asks-change-w/asks", { body: { desired: true, channels: true } })).status).toBe(200);
    const after = (await s.api("GET", "/api/lots/asks-change-a/metrics")).body;
    expect(after.desired).toMatchObject({ m: 0, gap: { meanDelta: null } });
    expect(after.channels).toMatchObject({ answered: 0, formalShare: null });
    expect((await s.api("GET", "/api/calls/asks-change/comparison")).body.lots[0].desired).toMatchObject({ m: 0 });
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))("%s equals the Python reference", (_name, fixture) => {
    it.each(LAYERS.flatMap((layer) => MODES.map((mode) => [layer, mode] as const)))("in layer %s, %s: lot metrics and comparison", async (layer, mode) => {
      const comparison = (await s.api("GET", `/api/calls/${fixture.name}/comparison?layer=${layer}&missing=${mode}`)).body;
      expect(comparison.lots.map((l: any) => l.lot.id).sort()).toEqual(Object.keys(fixture.expected).sort());
      for (const [lotId, byLayer] of Object.entries(fixture.expected)) {
        const want = byLayer[layer]!;
        const res = await s.api("GET", `/api/lots/${lotId}/metrics?layer=${layer}&missing=${mode}`);
        expect(res.status).toBe(200);
        const what = `${lotId} ${layer} ${mode}`;
        expectClose(res.body.desired, want.desired, `${what} desired`);
        expectClose(res.body.channels, want.channels, `${what} channels`);
        const strengths = Object.fromEntries(res.body.nodes.map((n: any) => [n.id, n.desiredInStrength]));
        expectClose(strengths, want.desiredInStrength ?? Object.fromEntries(Object.keys(strengths).map((id) => [id, null])), `${what} desiredInStrength`);
        if (want.coordinator === null) {
          if (res.body.coordinator !== null) expect(res.body.coordinator).toMatchObject({ desiredInStrengthShare: null, desiredDominanceIndex: null });
        } else {
          expectClose(res.body.coordinator.id, want.coordinator.id, `${what} coordinator`);
          expectClose(res.body.coordinator.desiredInStrengthShare, want.coordinator.desiredInStrengthShare, `${what} desiredInStrengthShare`);
          expectClose(res.body.coordinator.desiredDominanceIndex, want.coordinator.desiredDominanceIndex, `${what} desiredDominanceIndex`);
        }
        // The comparison carries the same figures for the lot.
        const compared = comparison.lots.find((l: any) => l.lot.id === lotId);
        expect(compared.desired, what).toEqual(res.body.desired);
        expect(compared.channels, what).toEqual(res.body.channels);
        expect(compared.coordinator, what).toEqual(res.body.coordinator);
      }
    });
  });
});
