import { competitionRank } from "../analysis/coordinator.ts";
import { waveState } from "../circles/wave-state.ts";
import type { MetricsService } from "../metrics/metrics-service.ts";
import { organisationBrief as brief } from "../schema/call-document.ts";
import { lotBrief } from "../store/call-store.ts";
import type { Store } from "../store/store.ts";

/**
 * At least this many other respondents must have been able to name the
 * organisation before the report says how much it was relied on, or gives any
 * lot total it could subtract its own answers from: with a single possible
 * source, such an aggregate is that one partner's answer.
 */
export const MIN_SOURCES = 2;

/**
 * Lot figures the report gives only with at least MIN_SOURCES other respondents.
 * Reciprocity, centralization and dependency are never in it: they describe who is
 * tied to whom, and with its own ties known an organisation could read from them
 * which partner named it.
 */
export const WITHHELD_WITH_FEW_SOURCES = ["density", "observedDensity", "meanContribution", "depth", "dominanceIndex"] as const;

/**
 * The return to one organisation after a wave: its own circle as it drew it, its
 * lot's figures, and how much the lot relies on it in aggregate. Never an arc into
 * it, a partner's score of it or who named it: only sums, means and ranks over
 * every partner that responded. Figures are those of the `all` layer as reported
 * (observed), so nothing the organisation said itself counts as received.
 */
export function feedbackReport(store: Store, metrics: MetricsService, waveId: string, organisationId: string, now: Date) {
  const wave = store.calls.wave(waveId)!;
  const call = store.calls.call(wave.callId)!;
  const member = store.calls.membership(call.id, organisationId)!;
  const lot = store.calls.lot(member.lot)!;
  const organisations = new Map(store.calls.organisations(call.id).map((o) => [o.id, o]));
  const circle = store.circles.submittedInLot(lot.id, wave.id).find((c) => c.respondent === organisationId);
  const { network, nodes, coordinator } = metrics.lot(lot.id, wave.id, "all", "observed");

  const me = nodes.find((n) => n.id === organisationId)!;
  const otherRespondents = nodes.filter((n) => n.responded && n.id !== organisationId).length;
  const withheld = otherRespondents < MIN_SOURCES;
  const unlessWithheld = <T,>(value: T): T | null => (withheld ? null : value);
  const strengths = nodes.map((n) => n.inStrength);
  const reliance =
    withheld
      ? { shown: false as const, otherRespondents }
      : {
          shown: true as const,
          otherRespondents,
          namedBy: me.inDegree,
          inStrength: me.inStrength,
          meanScoreReceived: me.inDegree === 0 ? null : me.inStrength / me.inDegree,
          rank: competitionRank(me.inStrength, strengths),
          of: nodes.length,
          lotMeanInStrength: strengths.reduce((s, v) => s + v, 0) / nodes.length,
        };

  return {
    call: { id: call.id, name: call.name },
    wave: { id: wave.id, name: wave.name, opens: wave.opens, closes: wave.closes, state: waveState(wave, now) },
    lot: lotBrief(lot),
    organisation: { ...brief(organisations.get(organisationId)!), role: member.role },
    circle: circle
      ? {
          submittedAt: circle.submittedAt!,
          ties: circle.ties,
          partners: circle.ties.map((t) => brief(organisations.get(t.partner)!)),
        }
      : null,
    figures: {
      n: network.n,
      respondents: network.respondents,
      responseRate: network.responseRate,
      density: unlessWithheld(network.density),
      observedDensity: unlessWithheld(network.observedDensity),
      meanContribution: unlessWithheld(network.meanContribution),
      depth: unlessWithheld(network.depth),
      coordinator:
        coordinator === null
          ? null
          : { name: organisations.get(coordinator.id)!.name, dominanceIndex: unlessWithheld(coordinator.dominanceIndex) },
      /** Figures left out (null above) because they would give away a single partner's answer. */
      withheld: withheld ? [...WITHHELD_WITH_FEW_SOURCES] : [],
    },
    reliance,
  };
}

export type FeedbackReport = ReturnType<typeof feedbackReport>;
