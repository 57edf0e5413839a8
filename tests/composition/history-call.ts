import type { CallDocumentInput } from "../../api/schema/call-document.ts";

export interface HistorySpec {
  id: string;
  start?: string;
  /** id -> [sector, size]; every organisation is a sector fund. */
  organisations: Record<string, readonly [sector: string, size?: "small" | "large"]>;
  /** Lots of the history call: members in order, the first one coordinates. */
  lots: string[][];
  /** Submitted circles of the call's one wave: respondent -> partners named. */
  circles?: Record<string, string[]>;
  /** Names to override (an organisation renamed in a later call). */
  names?: Record<string, string>;
}

/**
 * A call document whose only purpose is to be history: organisations, lots, one
 * closed wave `<id>-w` and submitted circles naming the given partners (forms vary,
 * which the history ignores).
 */
export function historyCall(spec: HistorySpec): CallDocumentInput {
  const start = spec.start ?? "2023-01-01";
  const year = start.slice(0, 4);
  const lotOf = (org: string) => spec.lots.findIndex((l) => l.includes(org));
  return {
    format: "netwerkcirkel/v1",
    call: { id: spec.id, name: `History ${spec.id}`, start, end: `${year}-12-31` },
    organisations: Object.entries(spec.organisations).map(([id, [sector, size]]) => ({
      id,
      name: spec.names?.[id] ?? `Fund ${id.toUpperCase()}`,
      sector,
      ...(size && { size }),
    })),
    lots: spec.lots.map((members, i) => ({
      id: `${spec.id}-lot-${i + 1}`,
      number: i + 1,
      name: `Lot ${i + 1}`,
      members: members.map((organisation, mi) => ({ organisation, role: mi === 0 ? "coordinator" : "partner" })),
    })),
    waves: [{ id: `${spec.id}-w`, name: `Wave ${year}`, opens: `${year}-02-01`, closes: `${year}-03-01` }],
    circles: Object.entries(spec.circles ?? {}).map(([respondent, partners]) => ({
      wave: `${spec.id}-w`,
      lot: `${spec.id}-lot-${lotOf(respondent) + 1}`,
      respondent,
      submittedAt: `${year}-02-15T10:00:00Z`,
      ties: partners.map((partner, i) => ({
        partner,
        forms: i % 2 === 0 ? { information: 2 } : { cocreation: 4 },
      })),
    })),
  };
}
