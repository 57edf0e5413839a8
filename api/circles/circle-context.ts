import { organisationBrief } from "../schema/call-document.ts";
import type { Store } from "../store/store.ts";
import { lotBrief } from "../store/call-store.ts";
import type { CircleOwner } from "./respondent-circle.ts";
import { closedOn, waveState } from "./wave-state.ts";

/**
 * What the person filling in a circle may see: their call, wave, lot and the names
 * and initials of the organisations they can name. Nothing about anyone's answers.
 */
export function circleContext(store: Store, owner: CircleOwner, now: Date) {
  const wave = store.calls.wave(owner.waveId)!;
  const lot = store.calls.lot(owner.lotId)!;
  const call = store.calls.call(wave.callId)!;
  const organisations = store.calls.organisations(call.id);
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const lotMembers = store.calls.members(lot.id);
  const inLot = new Set(lotMembers.map((m) => m.organisation));
  const brief = (id: string) => organisationBrief(byId.get(id)!);
  return {
    call: { id: call.id, name: call.name },
    wave: {
      id: wave.id, name: wave.name, opens: wave.opens, closes: wave.closes, state: waveState(wave, now), closedOn: closedOn(wave, now),
      // The questions the wave asks beside the circle.
      asks: {
        nextPartners: wave.asks?.nextPartners === true,
        desired: wave.asks?.desired === true,
        channels: wave.asks?.channels === true,
      },
    },
    lot: lotBrief(lot),
    organisation: brief(owner.organisationId),
    // Who coordinates the lot is public knowledge within it.
    partners: lotMembers
      .filter((m) => m.active && m.organisation !== owner.organisationId)
      .map((m) => ({ ...brief(m.organisation), role: m.role })),
    others: organisations.filter((o) => !inLot.has(o.id)).map((o) => brief(o.id)),
  };
}
