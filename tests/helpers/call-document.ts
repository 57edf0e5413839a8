import { expect } from "vitest";
import type { CallDocumentInput } from "../../api/schema/call-document.ts";
import type { TestServer } from "./server.ts";

/**
 * A small call for tests: one lot of four (a coordinator, two partners, one
 * inactive), a second lot of two, an external organisation, and one wave open
 * around `today`. No circles unless added.
 */
export function smallCall(opts: { id?: string; opens?: string; closes?: string } = {}): CallDocumentInput {
  const id = opts.id ?? "t-call";
  return {
    format: "netwerkcirkel/v1",
    call: { id, name: "Test call", start: "2025-01-01", end: "2027-12-31" },
    organisations: [
      { id: "alpha", name: "Alpha Fund", initials: "AF", sector: "Bouw", size: "large" },
      { id: "beta", name: "Beta Fund", sector: "Hout", size: "small" },
      { id: "gamma", name: "Gamma Fund", sector: "Auto", size: "small" },
      { id: "delta", name: "Delta Fund", sector: "Zorg" },
      { id: "epsilon", name: "Epsilon Fund", sector: "Retail", size: "large" },
      { id: "zeta", name: "Zeta Fund", sector: "Horeca", size: "small" },
      { id: "ext", name: "Europa WSE", initials: "EW", kind: "external" },
    ],
    lots: [
      {
        id: `${id}-lot-a`, number: 1, name: "Lot A", jointCommittees: ["124"],
        members: [
          { organisation: "alpha", role: "coordinator", active: true },
          { organisation: "beta", role: "partner", active: true },
          { organisation: "gamma", role: "partner", active: true },
          { organisation: "delta", role: "partner", active: false },
        ],
      },
      {
        id: `${id}-lot-b`, number: 2, name: "Lot B",
        members: [
          { organisation: "epsilon", role: "coordinator", active: true },
          { organisation: "zeta", role: "partner", active: true },
        ],
      },
    ],
    waves: [{ id: `${id}-w1`, name: "Wave 1", opens: opts.opens ?? "2026-01-01", closes: opts.closes ?? "2026-12-31" }],
    circles: [],
  };
}

const SECTORS = ["Arbeid", "Bouw", "Chemie", "Diamant", "Energie", "Fruit", "Glas"] as const;

/** One organisation per sector from Arbeid to Glas, in that order, named for its first name and sector ("Anker Arbeid"). */
export function onePerSector(firstNames: string[]): CallDocumentInput["organisations"] {
  return firstNames.map((first, i) => ({ id: first.toLowerCase(), name: `${first} ${SECTORS[i]!}`, sector: SECTORS[i]! }));
}

/** A lot whose first organisation is its coordinator and the others its partners. */
export function lotLedBy(
  lot: { id: string; number: number; name: string; jointCommittees?: string[] },
  [coordinator, ...partners]: [string, ...string[]],
): CallDocumentInput["lots"][number] {
  return {
    ...lot,
    members: [
      { organisation: coordinator, role: "coordinator" },
      ...partners.map((organisation) => ({ organisation, role: "partner" as const })),
    ],
  };
}

/** The wave of `smallCall()` with its default id. */
export const SMALL_CALL_WAVE = "t-call-w1";
/** Noon in the middle of smallCall's default wave. */
export const DURING_WAVE = new Date("2026-06-15T12:00:00Z");

/** Import a call (smallCall unless given) and invite the members of its first wave: the invitation link per organisation. */
export async function inviteAll(server: TestServer, doc: CallDocumentInput = smallCall()): Promise<Map<string, string>> {
  expect((await server.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
  const res = await server.api<{ invitations: Array<{ organisation: string; link: string }> }>("POST", `/api/waves/${doc.waves[0]!.id}/invitations`);
  expect(res.status).toBe(201);
  return new Map(res.body.invitations.map((i) => [i.organisation, i.link]));
}

/** Import a call document that must be refused (400): the problems it names. */
export async function refusedImport(server: TestServer, doc: unknown): Promise<Array<{ path: string; message: string }>> {
  const res = await server.api("POST", "/api/calls/import", { body: doc });
  expect(res.status).toBe(400);
  return res.body.error.details;
}

/** The token at the end of an invitation link. */
export const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

/**
 * A call document with its arrays in a canonical order, to compare two documents
 * "key order and the order of arrays aside" (call-format.md).
 */
export function canonical(doc: any): any {
  const by = (key: (x: any) => string) => (a: any, b: any) => key(a).localeCompare(key(b));
  return {
    ...doc,
    organisations: [...doc.organisations].sort(by((o) => o.id)),
    lots: [...doc.lots]
      .map((l: any) => ({ ...l, members: [...l.members].sort(by((m) => m.organisation)) }))
      .sort(by((l) => l.id)),
    waves: [...doc.waves].sort(by((w) => w.id)),
    circles: [...doc.circles]
      .map((c: any) => ({ ...c, ties: [...c.ties].sort(by((t) => t.partner)) }))
      .sort(by((c) => `${c.wave}/${c.respondent}`)),
  };
}
