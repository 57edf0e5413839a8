import { z } from "zod";
import { NextPartnersSchema, TiesSchema } from "../schema/call-document.ts";
import { answerRuleProblems, tieRuleProblems } from "../schema/call-rules.ts";
import { ConflictError, RuleError, parseWith } from "../schema/problems.ts";
import type { Store } from "../store/store.ts";
import type { VersionSummary } from "../schema/answers.ts";
import type { StoredWave } from "../store/call-store.ts";
import { waveState } from "./wave-state.ts";

/** Who a circle belongs to: one organisation in one lot and wave. */
export interface CircleOwner {
  waveId: string;
  lotId: string;
  organisationId: string;
}

/**
 * The body of a draft save or a submission: the whole circle, replacing the previous
 * version. `basedOn` is the version the circle was edited from (0 for a first save);
 * a save based on a version that is no longer the latest is refused (409
 * `stale_version`), so that two tabs or people never overwrite each other unseen.
 * Without it the save replaces whatever is stored.
 */
export const CircleBodySchema = z.strictObject({
  ties: TiesSchema,
  nextPartners: NextPartnersSchema.optional(),
  basedOn: z.int().min(0).optional(),
});
export type CircleBody = z.infer<typeof CircleBodySchema>;

/** The wave of a circle while it is open; a 409 `wave_closed` otherwise. */
function openWave(store: Store, waveId: string, now: Date): StoredWave {
  const wave = store.calls.wave(waveId);
  if (!wave) throw new ConflictError(`wave "${waveId}" no longer exists`);
  const state = waveState(wave, now);
  if (state !== "open") {
    throw new ConflictError(
      state === "closed"
        ? `the wave "${wave.name}" closed on ${wave.closes}; circles can no longer be changed`
        : `the wave "${wave.name}" opens on ${wave.opens}; circles cannot be saved before then`,
      [],
      "wave_closed",
    );
  }
  return wave;
}

/**
 * Validate a circle for its owner like the call document does (shape, partners
 * known, no self-tie, one tie per partner) and append it as a new version while
 * the wave is open. `enteredBy` marks a paper circle typed in by an evaluator.
 * Resolves once the version is committed (saves are committed in groups).
 */
export async function saveCircle(
  store: Store,
  owner: CircleOwner,
  body: unknown,
  opts: { submit: boolean; now: Date; enteredBy?: string },
): Promise<VersionSummary> {
  const wave = openWave(store, owner.waveId, opts.now);
  const parsed = parseWith(CircleBodySchema, body);
  if (!parsed.ok) throw new RuleError("the circle breaks a rule; nothing was saved", parsed.problems);
  const { ties, nextPartners, basedOn } = parsed.value;
  const organisations = store.calls.organisationsOf(wave.callId);
  const problems = [
    ...tieRuleProblems(ties, owner.organisationId, organisations, ["ties"]),
    ...answerRuleProblems(parsed.value, wave.asks, opts.submit, owner.organisationId, organisations, []),
  ];
  if (problems.length) throw new RuleError("the circle breaks a rule; nothing was saved", problems);
  const now = opts.now.toISOString();
  return store.circles.save(
    {
      callId: wave.callId,
      wave: owner.waveId,
      lot: owner.lotId,
      respondent: owner.organisationId,
      ties,
      ...(nextPartners && { nextPartners }),
      savedAt: now,
      ...(opts.submit && { submittedAt: now }),
      ...(opts.enteredBy !== undefined && { enteredBy: opts.enteredBy }),
      ...(basedOn !== undefined && { basedOn }),
    },
    // An administrator may close the wave between this check and the commit: checked again in it.
    () => openWave(store, owner.waveId, opts.now),
  );
}
