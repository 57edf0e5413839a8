import { waveState } from "../circles/wave-state.ts";
import type { CallSummary, StoredWave } from "../store/call-store.ts";
import type { Store } from "../store/store.ts";
import type { MetricsService } from "./metrics-service.ts";

/** The call's waves for a wave chooser: dates, state, and whether any circle has been submitted in it. */
export function waveList(store: Store, callId: string, now: Date) {
  const submitted = store.circles.wavesWithSubmissions(callId);
  return store.calls
    .waves(callId)
    .map((w) => ({ id: w.id, name: w.name, opens: w.opens, closes: w.closes, state: waveState(w, now), submitted: submitted.has(w.id) }));
}

/**
 * The call overview: one card per lot with its headline figures in the chosen
 * wave (all forms, as reported). `wave` is null for a call that has no wave yet
 * (one started from a composition): then there is nothing to show but the call.
 */
export function callOverview(store: Store, metrics: MetricsService, call: CallSummary, wave: StoredWave | null, now: Date) {
  const head = { id: call.id, name: call.name, start: call.start, end: call.end };
  if (wave === null) return { call: head, wave: null, waves: [], lots: [] };
  const organisations = new Map(store.calls.organisations(call.id).map((o) => [o.id, o]));
  return {
    call: head,
    wave: { id: wave.id, name: wave.name, state: waveState(wave, now) },
    waves: waveList(store, call.id, now),
    lots: store.calls.lots(call.id).map((lot) => {
      const { network, coordinator } = metrics.lot(lot.id, wave.id, "all", "observed");
      return {
        id: lot.id,
        number: lot.number,
        name: lot.name,
        figures: {
          n: network.n,
          respondents: network.respondents,
          responseRate: network.responseRate,
          density: network.density,
          reciprocity: network.reciprocity,
        },
        coordinator:
          coordinator === null
            ? null
            : { id: coordinator.id, name: organisations.get(coordinator.id)!.name, dominanceIndex: coordinator.dominanceIndex },
      };
    }),
  };
}
