import { DirectedGraph } from "graphology";
import { z } from "zod";
import { createHmac, randomBytes } from "node:crypto";
import type { CallDocument, CallDocumentInput } from "../schema/call-document.ts";
import type { NetworkGraph } from "./lot-network.ts";

/**
 * Exports without the organisations' identities, for sharing figures with
 * researchers. Every organisation becomes a code ORG-01, ORG-02, … and every lot
 * LOT-01, … in an order drawn at random for each export: the order is a keyed
 * hash of the export key and the id under a secret the server draws at start, so
 * the files downloaded with one export key share their codes, and nothing maps a
 * code back to the call's order without that secret. Dropped: names, initials,
 * sectors, sizes and kinds of organisations, the role of each member, lot numbers
 * and names, joint committees, the call's and waves' names and descriptions, every
 * date and time (waves keep their order), and node positions (a layout starts
 * from the members' order). Interviews keep their status and codes but lose every
 * free text (notes may name people) and their planned day. What an export still
 * holds is listed in the README.
 */

/** Drawn once per server start: without it, an export key does not give the order away. */
const SECRET = randomBytes(32);

/** The key that makes several files one export (query `export`); drawn by the browser. */
export const ExportKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "expected an export key: 8-64 letters, digits, '-' or '_'");

/** A fresh export key, for a pseudonymised file requested without one. */
export const newExportKey = (): string => randomBytes(16).toString("base64url");

export interface Codes {
  organisations: Map<string, string>;
  lots: Map<string, string>;
}

function shuffledCodes(prefix: string, ids: readonly string[], exportKey: string): Map<string, string> {
  const width = Math.max(2, String(ids.length).length);
  const rank = (id: string) => createHmac("sha256", SECRET).update(`${prefix}\u0000${exportKey}\u0000${id}`).digest("hex");
  const order = [...ids].map((id) => ({ id, rank: rank(id) })).sort((x, y) => (x.rank < y.rank ? -1 : 1));
  return new Map(order.map(({ id }, i) => [id, `${prefix}-${String(i + 1).padStart(width, "0")}`]));
}

/** Codes for the call's organisations and lots, in the order drawn for `exportKey`. */
export function codesOf(organisationIds: readonly string[], lotIds: readonly string[], exportKey: string): Codes {
  return { organisations: shuffledCodes("ORG", organisationIds, exportKey), lots: shuffledCodes("LOT", lotIds, exportKey) };
}

export function pseudonymiseNetwork(graph: NetworkGraph, codes: Codes, waveCode: string): NetworkGraph {
  const org = (id: string) => codes.organisations.get(id)!;
  const lot = (id: string | null) => (id === null ? null : codes.lots.get(id)!);
  const out: NetworkGraph = new DirectedGraph();
  const { lotName: _lotName, callName: _callName, waveName: _waveName, ...attrs } = graph.getAttributes();
  out.replaceAttributes({ ...attrs, call: "CALL", callName: "CALL", wave: waveCode, waveName: waveCode, lot: lot(attrs.lot) });
  // In the order of the codes: the order of the call would point at the organisations.
  const nodes = graph.mapNodes((node, attributes) => [org(node), attributes] as const).sort(([a], [b]) => a.localeCompare(b));
  for (const [code, { name: _n, initials: _i, sector: _s, organisationSize: _o, x: _x, y: _y, role, ...a }] of nodes) {
    out.addNode(code, { ...a, ...(role === "outside" && { role }), label: code, lot: lot(a.lot) });
  }
  const arcs = graph.mapEdges((_edge, attributes, source, target) => [org(source), org(target), attributes] as const).sort(([a, b], [c, d]) => a.localeCompare(c) || b.localeCompare(d));
  for (const [u, v, a] of arcs) out.addDirectedEdgeWithKey(`${u}->${v}`, u, v, a);
  return out;
}

/** The call's waves in time order: their place in it is all a pseudonymised export says of them. */
const inTimeOrder = <W extends { opens: string; closes: string }>(waves: readonly W[]): W[] =>
  [...waves].sort((a, b) => a.opens.localeCompare(b.opens) || a.closes.localeCompare(b.closes));

/** A wave's code: its place in the call's waves in time order (WAVE-1 first). */
export const waveCodeOf = (waves: ReadonlyArray<{ id: string; opens: string; closes: string }>, waveId: string): string =>
  `WAVE-${inTimeOrder(waves).findIndex((w) => w.id === waveId) + 1}`;

/**
 * The call document with codes; still a valid document. Waves become WAVE-1, … in
 * their order with made-up dates one month apart (from 2000-01-01), a circle's
 * submission time becomes its wave's closing day, the call's dates span the waves.
 */
export function pseudonymiseCallDocument(doc: CallDocument, exportKey: string): CallDocumentInput {
  const codes = codesOf(
    doc.organisations.map((o) => o.id),
    doc.lots.map((l) => l.id),
    exportKey,
  );
  const org = (id: string) => codes.organisations.get(id)!;
  const lot = (id: string) => codes.lots.get(id)!;
  const waves = inTimeOrder(doc.waves);
  const day = (month: number, d: number) => `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const waveOf = new Map(
    waves.map((w, i) => [w.id, { id: waveCodeOf(waves, w.id), name: waveCodeOf(waves, w.id), opens: day(i, 1), closes: day(i, 28), ...(w.asks && { asks: w.asks }) }]),
  );
  const byCode = <T,>(items: T[], code: (x: T) => string) => items.map((x) => [code(x), x] as const).sort(([a], [b]) => a.localeCompare(b));
  return {
    format: doc.format,
    call: { id: "CALL", name: "CALL", start: day(0, 1), end: day(Math.max(0, waves.length - 1), 28) },
    organisations: byCode(doc.organisations, (o) => org(o.id)).map(([code]) => ({ id: code, name: code })),
    lots: byCode(doc.lots, (l) => lot(l.id)).map(([code, l], i) => ({
      id: code,
      number: i + 1,
      name: code,
      // Roles would point at the coordinators, who are public; every member is listed as a partner.
      members: l.members.map((m) => ({ organisation: org(m.organisation), role: "partner" as const, active: m.active })).sort((a, b) => a.organisation.localeCompare(b.organisation)),
    })),
    waves: waves.map((w) => waveOf.get(w.id)!),
    circles: doc.circles
      .map((c) => ({
        wave: waveOf.get(c.wave)!.id,
        lot: lot(c.lot),
        respondent: org(c.respondent),
        ...(c.submittedAt !== undefined && { submittedAt: `${waveOf.get(c.wave)!.closes}T12:00:00Z` }),
        ties: c.ties.map((t) => ({ ...t, partner: org(t.partner) })).sort((a, b) => a.partner.localeCompare(b.partner)),
        ...(c.nextPartners && { nextPartners: { with: c.nextPartners.with.map(org), without: c.nextPartners.without.map(org) } }),
      }))
      .sort((a, b) => a.wave.localeCompare(b.wave) || a.respondent.localeCompare(b.respondent)),
    ...(doc.interviews && {
      interviews: doc.interviews
        .map((iv) => ({
          wave: waveOf.get(iv.wave)!.id,
          organisation: org(iv.organisation),
          status: iv.status,
          codes: iv.codes,
          partners: iv.partners.map((n) => ({ partner: org(n.partner), codes: n.codes })).sort((a, b) => a.partner.localeCompare(b.partner)),
        }))
        .sort((a, b) => a.wave.localeCompare(b.wave) || a.organisation.localeCompare(b.organisation)),
    }),
  };
}
