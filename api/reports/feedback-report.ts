import { waveState } from "../circles/wave-state.ts";
import type { MetricsService } from "../metrics/metrics-service.ts";
import type { FeedbackReport } from "../schema/answers.ts";
import { hasForm, organisationBrief as brief } from "../schema/call-document.ts";
import { lotBrief } from "../store/call-store.ts";
import type { Store } from "../store/store.ts";
import { releasedFigures } from "./release-rule.ts";

/**
 * The return to one organisation after a wave: its own circle as it drew it, and
 * what the other respondents' circles say in bands that no partner's answer can
 * be worked out from (release-rule.ts, proved by disclosure-audit.ts): how densely
 * and how strongly the others rate their ties to each other, and how many of them
 * named this organisation and how strongly. Never an arc into it, a partner's
 * score of it or who named it, no structure figure, and nothing of the desired
 * situation or the channels (not even its own). Figures are those of the
 * `all` layer as reported (observed).
 */
export function feedbackReport(store: Store, metrics: MetricsService, waveId: string, organisationId: string, now: Date): FeedbackReport {
  const wave = store.calls.wave(waveId)!;
  const call = store.calls.call(wave.callId)!;
  const member = store.calls.membership(call.id, organisationId)!;
  const lot = store.calls.lot(member.lot)!;
  const organisations = new Map(store.calls.organisations(call.id).map((o) => [o.id, o]));
  const circle = store.circles.submittedInLot(lot.id, wave.id).find((c) => c.respondent === organisationId);
  // The current circle only: the release rule has not been proven for the desired situation
  // and the channels, so the report shows neither, and no wish without forms.
  const current = (circle?.ties ?? []).filter((t) => hasForm(t.forms)).map(({ partner, forms }) => ({ partner, forms }));
  const { network, nodes, coordinator } = metrics.lot(lot.id, wave.id, "all", "observed");

  const me = nodes.find((n) => n.id === organisationId)!;
  const others = nodes.filter((n) => n.id !== organisationId);
  const othersOut = { count: others.reduce((s, n) => s + n.outDegree, 0), sum: others.reduce((s, n) => s + n.outStrength, 0) };
  const toReader = { count: me.inDegree, sum: me.inStrength };
  const basis = { n: network.n, others: others.filter((n) => n.responded).length };
  const released = releasedFigures(basis, {
    toReader,
    amongOthers: { count: othersOut.count - toReader.count, sum: othersOut.sum - toReader.sum },
  });

  return {
    call: { id: call.id, name: call.name },
    wave: { id: wave.id, name: wave.name, opens: wave.opens, closes: wave.closes, state: waveState(wave, now) },
    lot: lotBrief(lot),
    organisation: { ...brief(organisations.get(organisationId)!), role: member.role },
    circle: circle
      ? {
          submittedAt: circle.submittedAt!,
          ties: current,
          partners: current.map((t) => brief(organisations.get(t.partner)!)),
        }
      : null,
    figures: {
      n: network.n,
      respondents: network.respondents,
      responseRate: network.responseRate,
      coordinator: coordinator === null ? null : { name: organisations.get(coordinator.id)!.name },
      otherRespondents: basis.others,
      /** Of the ties the other respondents could name to each other, how many they named (a range). */
      ties: released.ties,
      /** Their mean score of those ties, to the nearest whole point of the 1-4 scale. */
      meanScore: released.meanScore,
    },
    reliance: {
      otherRespondents: basis.others,
      /** Of the other respondents, how many named this organisation (a range). */
      namedBy: released.namedBy,
      /** Their mean score of it, to the nearest whole point. */
      meanScoreReceived: released.meanScoreReceived,
    },
    /** Figures held back to protect partners' answers, and why. */
    withheld: released.withheld,
  };
}
