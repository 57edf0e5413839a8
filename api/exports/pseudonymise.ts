import { DirectedGraph } from "graphology";
import type { CallDocument } from "../schema/call-document.ts";
import type { NetworkGraph } from "./lot-network.ts";

/**
 * Exports without the organisations' identities, for sharing figures with
 * researchers: every organisation becomes a code (ORG-01, ORG-02, … in the order
 * of the call's organisations, so the same organisation has the same code in every
 * export of the call), every lot becomes LOT-01, … and names, initials, sectors,
 * lot names, joint committees and the call's description are dropped. A lot's
 * name lists its sectors and would point at its members, so it goes too.
 */

export interface Codes {
  organisations: Map<string, string>;
  lots: Map<string, string>;
}

function numbered(prefix: string, ids: readonly string[]): Map<string, string> {
  const width = Math.max(2, String(ids.length).length);
  return new Map(ids.map((id, i) => [id, `${prefix}-${String(i + 1).padStart(width, "0")}`]));
}

/** Codes in the call's own order of organisations and of lots. */
export function codesOf(organisationIds: readonly string[], lotIds: readonly string[]): Codes {
  return { organisations: numbered("ORG", organisationIds), lots: numbered("LOT", lotIds) };
}

export function pseudonymiseNetwork(graph: NetworkGraph, codes: Codes): NetworkGraph {
  const org = (id: string) => codes.organisations.get(id)!;
  const lot = (id: string | null) => (id === null ? null : codes.lots.get(id)!);
  const out: NetworkGraph = new DirectedGraph();
  const { lotName: _lotName, ...attrs } = graph.getAttributes();
  out.replaceAttributes({ ...attrs, lot: lot(attrs.lot) });
  graph.forEachNode((id, { name: _name, initials: _initials, sector: _sector, ...a }) =>
    out.addNode(org(id), { ...a, label: org(id), lot: lot(a.lot) }),
  );
  graph.forEachEdge((_key, a, u, v) => out.addDirectedEdgeWithKey(`${org(u)}->${org(v)}`, org(u), org(v), a));
  return out;
}

/** The call document with codes for organisations and lots; still a valid document. */
export function pseudonymiseCallDocument(doc: CallDocument): CallDocument {
  const codes = codesOf(
    doc.organisations.map((o) => o.id),
    doc.lots.map((l) => l.id),
  );
  const org = (id: string) => codes.organisations.get(id)!;
  const lot = (id: string) => codes.lots.get(id)!;
  const { description: _description, ...call } = doc.call;
  return {
    ...doc,
    call,
    organisations: doc.organisations.map((o) => ({
      id: org(o.id),
      name: org(o.id),
      ...(o.size !== undefined && { size: o.size }),
      kind: o.kind,
    })),
    lots: doc.lots.map((l) => ({
      id: lot(l.id),
      number: l.number,
      name: lot(l.id),
      members: l.members.map((m) => ({ ...m, organisation: org(m.organisation) })),
    })),
    circles: doc.circles.map((c) => ({
      ...c,
      lot: lot(c.lot),
      respondent: org(c.respondent),
      ties: c.ties.map((t) => ({ ...t, partner: org(t.partner) })),
      ...(c.nextPartners && { nextPartners: { with: c.nextPartners.with.map(org), without: c.nextPartners.without.map(org) } }),
    })),
  };
}
