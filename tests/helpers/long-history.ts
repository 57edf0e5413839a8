import type { CallDocumentInput } from "../../api/schema/call-document.ts";
import { validateCallDocument } from "../../api/schema/call-rules.ts";
import type { Store } from "../../api/store/store.ts";

/** Words that start organisation names, so that names sort across calls rather than call by call. */
const WORDS = ["Alfa", "Bouw", "Chemie", "Diamant", "Energie", "Fonds", "Grafisch", "Hout", "Industrie", "Jeugd", "Koeling", "Logistiek", "Metaal", "Natuur", "Onderwijs", "Papier", "Retail", "Sport", "Textiel", "Voeding", "Zorg"];

export interface LongHistory {
  calls: number;
  /** Distinct organisations over all calls. */
  organisations: number;
  /** Organisations of one call: its own and ten of the call before. */
  perCall: number;
}

/** Id and name of organisation k (0-based) of a long history. */
export const longHistoryOrganisation = (k: number) => ({
  id: `org-${String(k).padStart(5, "0")}`,
  name: `${WORDS[(k * 5) % WORDS.length]} ${String((k * 7919) % 100_000).padStart(5, "0")}`,
});

/**
 * `calls` calls, one a year, with `organisations / calls` organisations of their own
 * plus ten of the call before (the same organisation across calls, as in real
 * history), in lots of eleven, and one closed wave in which every member submitted a
 * circle naming three partners of its lot.
 */
export function longHistoryCalls(calls: number, organisations: number): CallDocumentInput[] {
  const own = organisations / calls;
  return [...Array(calls).keys()].map((c) => {
    const year = 1975 + c;
    const id = `call-${year}`;
    const members = [...Array(own).keys()].map((i) => c * own + i);
    if (c > 0) members.push(...[...Array(10).keys()].map((i) => (c - 1) * own + i * 3));
    const lots: number[][] = [];
    for (let i = 0; i < members.length; i += 11) lots.push(members.slice(i, i + 11));
    const lotOf = new Map(lots.flatMap((lot, l) => lot.map((k) => [k, l] as const)));
    return {
      format: "netwerkcirkel/v1",
      call: { id, name: `Oproep ${year}`, start: `${year}-01-01`, end: `${year}-12-31` },
      organisations: members.map((k) => ({ ...longHistoryOrganisation(k), sector: WORDS[k % WORDS.length]!, ...(k % 4 === 0 && { size: "small" as const }) })),
      lots: lots.map((lot, l) => ({
        id: `${id}-lot-${l + 1}`,
        number: l + 1,
        name: `Perceel ${l + 1}`,
        members: lot.map((k, i) => ({ organisation: longHistoryOrganisation(k).id, role: i === 0 ? ("coordinator" as const) : ("partner" as const) })),
      })),
      waves: [{ id: `${id}-w1`, name: `Meting ${year}`, opens: `${year}-03-01`, closes: `${year}-03-31` }],
      circles: members.map((k) => {
        const lot = lots[lotOf.get(k)!]!;
        const at = lot.indexOf(k);
        return {
          wave: `${id}-w1`,
          lot: `${id}-lot-${lotOf.get(k)! + 1}`,
          respondent: longHistoryOrganisation(k).id,
          submittedAt: `${year}-03-15T10:00:00Z`,
          ties: [1, 2, 3]
            .map((d) => lot[(at + d) % lot.length]!)
            .filter((p) => p !== k)
            .map((p, i) => ({ partner: longHistoryOrganisation(p).id, forms: i === 0 ? { cocreation: 3 } : { information: 2 } })),
        };
      }),
    };
  });
}

/** Write a long history straight into a store (through its import, without HTTP): seconds rather than minutes. */
export function fillLongHistory(store: Store, calls: number, organisations: number, now: Date): void {
  for (const doc of longHistoryCalls(calls, organisations)) {
    const parsed = validateCallDocument(doc);
    if (!parsed.ok) throw new Error(`the long history is invalid: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
    store.importCall(parsed.value, now);
  }
}
