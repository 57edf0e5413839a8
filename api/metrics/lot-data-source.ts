import type { LotData } from "../analysis/lot-data.ts";
import { organisationBrief } from "../schema/call-document.ts";
import type { Store } from "../store/store.ts";
import { lotBrief, waveBrief } from "../store/call-store.ts";

/** Gather what the analysis needs for one lot and wave from the store: members and submitted circles. */
export function lotData(store: Store, lotId: string, waveId: string): LotData {
  const lot = store.calls.lot(lotId)!;
  const wave = store.calls.wave(waveId)!;
  const organisations = new Map(store.calls.organisations(lot.callId).map((o) => [o.id, o]));
  return {
    lot: lotBrief(lot),
    wave: waveBrief(wave),
    ...(wave.asks && { asks: wave.asks }),
    members: store.calls.members(lotId).map((m) => {
      const o = organisations.get(m.organisation)!;
      return {
        ...organisationBrief(o),
        role: m.role,
        active: m.active,
        ...(o.size !== undefined && { size: o.size }),
        ...(o.sector !== undefined && { sector: o.sector }),
      };
    }),
    circles: store.circles.submittedInLot(lotId, waveId).map((c) => ({ respondent: c.respondent, ties: c.ties })),
  };
}
