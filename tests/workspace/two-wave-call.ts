import type { CallDocumentInput } from "../../api/schema/call-document.ts";
import { lotLedBy, onePerSector } from "../helpers/call-document.ts";

/**
 * A call with two lots and two waves for the workspace tests. In lot X, Anna
 * (the coordinator) submits an empty circle every wave, so whatever her feedback
 * report says about her partners can only have come from their circles; Dirk
 * does not respond in wave 1, and Bert names him, so reconstruction adds a tie.
 * In lot Y, Gert does not respond in wave 1, which leaves Emma a single other
 * respondent. Bert names organisations outside his lot.
 */
export const WS = { call: "ws-call", lotX: "ws-lot-x", lotY: "ws-lot-y", w1: "ws-w1", w2: "ws-w2" } as const;

/** While wave 2 is open; and once it has closed. */
export const WAVE_2_OPEN = new Date("2025-06-15T12:00:00Z");
export const WAVE_2_CLOSED = new Date("2025-07-15T12:00:00Z");

export const PARTNERS_OF_ANNA = ["Bert Bouw", "Cleo Chemie", "Dirk Diamant"];

export function twoWaveCall(): CallDocumentInput {
  const submitted = (wave: string) => (wave === WS.w1 ? "2025-01-20T10:00:00Z" : "2025-06-10T10:00:00Z");
  const circle = (wave: string, lot: string, respondent: string, ties: Array<[string, Record<string, number>]>) => ({
    wave,
    lot,
    respondent,
    submittedAt: submitted(wave),
    ties: ties.map(([partner, forms]) => ({ partner, forms })),
  });
  return {
    format: "netwerkcirkel/v1",
    call: { id: WS.call, name: "Workspace call", start: "2025-01-01", end: "2025-12-31", description: "Secret description of the workspace call" },
    organisations: [
      ...onePerSector(["Anna", "Bert", "Cleo", "Dirk", "Emma", "Fons", "Gert"]),
      { id: "xtrn", name: "Xavier Extern", kind: "external" },
    ],
    lots: [
      lotLedBy({ id: WS.lotX, number: 1, name: "Lot X Arbeid en Bouw", jointCommittees: ["111"] }, ["anna", "bert", "cleo", "dirk"]),
      lotLedBy({ id: WS.lotY, number: 2, name: "Lot Y Energie" }, ["emma", "fons", "gert"]),
    ],
    waves: [
      { id: WS.w1, name: "Wave one", opens: "2025-01-01", closes: "2025-01-31" },
      { id: WS.w2, name: "Wave two", opens: "2025-06-01", closes: "2025-06-30" },
    ],
    circles: [
      circle(WS.w1, WS.lotX, "anna", []),
      circle(WS.w1, WS.lotX, "bert", [["anna", { information: 4, support: 3 }], ["cleo", { information: 2 }], ["dirk", { support: 2 }], ["xtrn", { information: 3 }]]),
      circle(WS.w1, WS.lotX, "cleo", [["anna", { cocreation: 1 }], ["bert", { support: 2 }]]),
      circle(WS.w1, WS.lotY, "emma", [["fons", { support: 3 }]]),
      circle(WS.w1, WS.lotY, "fons", [["emma", { information: 2 }]]),
      circle(WS.w2, WS.lotX, "anna", []),
      circle(WS.w2, WS.lotX, "bert", [["anna", { information: 3, cocreation: 4 }], ["dirk", { support: 1 }], ["emma", { information: 2 }]]),
      circle(WS.w2, WS.lotX, "cleo", [["anna", { information: 2 }], ["bert", { support: 2 }], ["dirk", { cocreation: 3 }]]),
      circle(WS.w2, WS.lotX, "dirk", [["anna", { support: 2 }], ["cleo", { cocreation: 2 }]]),
      circle(WS.w2, WS.lotY, "emma", [["fons", { support: 3 }], ["gert", { information: 1 }]]),
      circle(WS.w2, WS.lotY, "fons", [["emma", { cocreation: 4 }]]),
      circle(WS.w2, WS.lotY, "gert", [["emma", { information: 2 }]]),
    ],
  };
}
