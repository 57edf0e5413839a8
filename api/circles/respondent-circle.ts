import { z } from "zod";
import { NextPartnersSchema, TiesSchema } from "../schema/call-document.ts";
import { answerRuleProblems, tieRuleProblems } from "../schema/call-rules.ts";
import { ConflictError, RuleError, parseWith } from "../schema/problems.ts";
import type { Store } from "../store/store.ts";
import type { VersionSummary } from "../store/circle-store.ts";
import { waveState } from "./wave-state.ts";

/** Who a circle belongs to: one organisation in one lot and wave. */
export interface CircleOwner {
  waveId: string;
  lotId: string;
  organisationId: string;
}

/** The body of a draft save or a submission: the whole circle, replacing the previous version. */
export const CircleBodySchema = z.strictObject({ ties: TiesSchema, nextPartners: NextPartnersSchema.optional() });
export type CircleBody = z.infer<typeof CircleBodySchema>;

/**
 * Validate a circle for its owner like the call document does (shape, partners
 * known, no self-tie, one tie per partner) and append it as a new version while
 * the wave is open. `enteredBy` marks a paper circle typed in by an evaluator.
 */
export function saveCircle(
  store: Store,
  owner: CircleOwner,
  body: unknown,
  opts: { submit: boolean; now: Date; enteredBy?: string },
): VersionSummary {
  const wave = store.calls.wave(owner.waveId);
  if (!wave) throw new ConflictError(`wave "${owner.waveId}" no longer exists`);
  const state = waveState(wave, opts.now);
  if (state !== "open") {
    throw new ConflictError(
      state === "closed"
        ? `the wave "${wave.name}" closed on ${wave.closes}; circles can no longer be changed`
        : `the wave "${wave.name}" opens on ${wave.opens}; circles cannot be saved before then`,
      [],
      "wave_closed",
    );
  }
  const parsed = parseWith(CircleBodySchema, body);
  if (!parsed.ok) throw new RuleError("the circle breaks a rule; nothing was saved", parsed.problems);
  const { ties, nextPartners } = parsed.value;
  const organisations = store.calls.organisationIds(wave.callId);
  const problems = [
    ...tieRuleProblems(ties, owner.organisationId, organisations, ["ties"]),
    ...answerRuleProblems(parsed.value, wave.asks, owner.organisationId, organisations, []),
  ];
  if (problems.length) throw new RuleError("the circle breaks a rule; nothing was saved", problems);
  const now = opts.now.toISOString();
  return store.circles.save({
    callId: wave.callId,
    wave: owner.waveId,
    lot: owner.lotId,
    respondent: owner.organisationId,
    ties,
    ...(nextPartners && { nextPartners }),
    savedAt: now,
    ...(opts.submit && { submittedAt: now }),
    ...(opts.enteredBy !== undefined && { enteredBy: opts.enteredBy }),
  });
}
