import { expect } from "vitest";
import type { CallDocumentInput, Tie, WaveAsks } from "../../api/schema/call-document.ts";
import { lotLedBy, onePerSector } from "../helpers/call-document.ts";
import type { TestServer } from "../helpers/server.ts";

/**
 * A call of two lots whose wave asks the desired situation and the channels, for the
 * figures, pages, exports and report tests. In lot 1 every kind of pair occurs:
 * Anker (coordinator) wants more from Berk (deepen) and the same from Ceder; Berk wants
 * less from Anker (loosen) and a collaboration with Duin that does not exist (wished);
 * Ceder would stop working with Anker (dropped) and wants more from Berk. Duin does not
 * respond. Berk names Xenia, outside the lot. In lot 2 everyone wants more.
 */
export const DC = { call: "dc-call", lot1: "dc-lot-1", lot2: "dc-lot-2", wave: "dc-w" } as const;

/** While the wave is open. */
export const DC_NOW = new Date("2026-06-15T12:00:00Z");

export function desiredCall(asks: WaveAsks = { desired: true, channels: true }): CallDocumentInput {
  return {
    format: "netwerkcirkel/v1",
    call: { id: DC.call, name: "Desired call", start: "2026-01-01", end: "2026-12-31" },
    organisations: [
      ...onePerSector(["Anker", "Berk", "Ceder", "Duin", "Eik", "Fjord", "Gaai"]),
      { id: "xenia", name: "Xenia Extern", kind: "external" },
    ],
    lots: [
      lotLedBy({ id: DC.lot1, number: 1, name: "Lot 1 Arbeid en Bouw" }, ["anker", "berk", "ceder", "duin"]),
      lotLedBy({ id: DC.lot2, number: 2, name: "Lot 2 Energie" }, ["eik", "fjord", "gaai"]),
    ],
    waves: [{ id: DC.wave, name: "Wave with wishes", opens: "2026-01-01", closes: "2026-12-31", asks }],
    circles: [],
  };
}

/** The circles, per respondent, with every answer; `answers` false leaves out desired and channels (and wish-only ties). */
export function desiredCircles(answers = true): Record<string, Tie[]> {
  const circles: Record<string, Tie[]> = {
    anker: [
      { partner: "berk", forms: { information: 3, support: 2 }, desired: { information: 3, cocreation: 4 }, channels: ["steering-group", "email"] },
      { partner: "ceder", forms: { support: 3 }, desired: { support: 3 }, channels: ["learning-network"] },
    ],
    berk: [
      { partner: "anker", forms: { information: 4 }, desired: { information: 2 }, channels: ["email", "phone"] },
      { partner: "duin", forms: {}, desired: { cocreation: 3 } },
      { partner: "xenia", forms: { information: 2 }, desired: {}, channels: ["phone"] },
    ],
    ceder: [
      { partner: "anker", forms: { support: 2 }, desired: {}, channels: ["chance-meeting"] },
      { partner: "berk", forms: { information: 1 }, desired: { support: 3 }, channels: ["learning-network", "phone"] },
    ],
    eik: [
      { partner: "fjord", forms: { support: 2 }, desired: { support: 3 }, channels: ["steering-group"] },
      { partner: "gaai", forms: { information: 2 }, desired: { information: 2 }, channels: ["email"] },
    ],
    fjord: [{ partner: "eik", forms: { cocreation: 3 }, desired: { cocreation: 4 }, channels: ["steering-group", "phone"] }],
    gaai: [{ partner: "fjord", forms: {}, desired: { support: 2 } }],
  };
  if (answers) return circles;
  return Object.fromEntries(
    Object.entries(circles).map(([r, ties]) => [r, ties.filter((t) => Object.keys(t.forms).length > 0).map(({ partner, forms }) => ({ partner, forms }))]),
  );
}

/** Import the call and submit every circle through the respondents' own links. */
export async function submitDesiredCall(s: TestServer, asks?: WaveAsks): Promise<void> {
  const answers = asks === undefined || Boolean(asks.desired || asks.channels);
  expect((await s.api("POST", "/api/calls/import", { body: desiredCall(asks) })).status).toBe(201);
  const invitations = await s.api("POST", `/api/waves/${DC.wave}/invitations`);
  expect(invitations.status).toBe(201);
  const links = new Map<string, string>(invitations.body.invitations.map((i: { organisation: string; link: string }) => [i.organisation, i.link]));
  for (const [respondent, ties] of Object.entries(desiredCircles(answers))) {
    const link = links.get(respondent)!;
    const res = await s.api("POST", "/api/my/circle/submit", { token: link.slice(link.lastIndexOf("/") + 1), body: { ties } });
    expect(res.status, respondent).toBe(201);
  }
}
