import { CALL_FORMAT, type CallDocument, type Organisation } from "../schema/call-document.ts";
import { validateCallDocument } from "../schema/call-rules.ts";
import { RuleError, formatPath } from "../schema/problems.ts";
import type { SkeletonRequest } from "./composition-schema.ts";
import { proposalRuleProblems } from "./composition-rules.ts";

/** Lot ids are unique across the service, so a new call's lots carry its id. */
export const skeletonLotId = (callId: string, index: number): string => `${callId}-lot-${index + 1}`;

/**
 * "Start the call": a proposal becomes the call document of a new call with its
 * organisations and lots (coordinators included) but no waves or circles, ready for
 * `POST /api/calls/import`. Besides the members, the external organisations known
 * from earlier calls come along, so that respondents can keep naming them as partners.
 * Rule breaks throw a RuleError naming paths under `prefix`.
 */
export function callSkeleton(request: SkeletonRequest, known: Organisation[], prefix: PropertyKey[] = []): CallDocument {
  const { call, proposal } = request;
  const byId = new Map(known.map((o) => [o.id, o]));
  const problems = proposalRuleProblems(proposal, new Set(byId.keys()), [...prefix, "proposal"]);
  if (problems.length) throw new RuleError("the proposal breaks a rule", problems);

  const members = proposal.lots.flatMap((l) => l.members);
  const externals = known.filter((o) => o.kind === "external" && !members.includes(o.id)).map((o) => o.id);
  const skeleton: CallDocument = {
    format: CALL_FORMAT,
    call,
    organisations: [...members, ...externals].map((id) => byId.get(id)!),
    lots: proposal.lots.map((lot, i) => ({
      id: skeletonLotId(call.id, i),
      number: i + 1,
      name: lot.name,
      members: lot.members.map((organisation) => ({
        organisation,
        role: organisation === lot.coordinator ? ("coordinator" as const) : ("partner" as const),
        active: true,
      })),
    })),
    waves: [],
    circles: [],
  };
  // What remains to break is in `call` (an end before the start), whose path in the
  // request is the document's path under `prefix`.
  const checked = validateCallDocument(skeleton);
  if (!checked.ok) {
    throw new RuleError(
      "the call would break a rule of the call document",
      checked.problems.map((p) => ({ ...p, path: formatPath([...prefix, ...p.path.split(".")]) })),
    );
  }
  return checked.value;
}
