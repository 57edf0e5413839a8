import { type Problem, formatPath } from "../schema/problems.ts";
import type { LotFigures, Warning } from "./composition-schema.ts";
import type { Proposal } from "../schema/proposals.ts";

/**
 * Below three members a lot is hardly a network: centralization is undefined and
 * one tie is half of everything it can have.
 */
export const SMALL_LOT_BELOW = 3;

/**
 * Rule breaks of a proposal, answered as 400 with paths under `prefix` (where the
 * proposal sits in the request): an unknown organisation, an organisation in two
 * lots (or twice in one), a coordinator who is not a member, an empty lot.
 */
export function proposalRuleProblems(proposal: Proposal, known: ReadonlySet<string>, prefix: PropertyKey[]): Problem[] {
  const problems: Problem[] = [];
  const lotOf = new Map<string, number>();
  proposal.lots.forEach((lot, li) => {
    const at = (...path: PropertyKey[]) => formatPath([...prefix, "lots", li, ...path]);
    if (lot.members.length === 0) problems.push({ path: at("members"), message: "a lot needs at least one member" });
    lot.members.forEach((id, mi) => {
      if (!known.has(id)) {
        problems.push({ path: at("members", mi), message: `unknown organisation "${id}"` });
        return;
      }
      const other = lotOf.get(id);
      if (other === li) problems.push({ path: at("members", mi), message: `organisation "${id}" is listed twice in this lot` });
      else if (other !== undefined) {
        problems.push({ path: at("members", mi), message: `organisation "${id}" already sits in lot "${proposal.lots[other]!.name}"` });
      } else lotOf.set(id, li);
    });
    const c = lot.coordinator;
    if (c != null && !lot.members.includes(c)) {
      problems.push({ path: at("coordinator"), message: `coordinator "${c}" is not a member of this lot` });
    }
  });
  return problems;
}

/**
 * What staff should look at but may decide to keep: a lot without a coordinator, a
 * coordinator with no prior tie to any member, active organisations of the history
 * that sit in no lot, a lot of only small funds, a lot of fewer than
 * `SMALL_LOT_BELOW` members. Paths are within the proposal.
 */
export function proposalWarnings(lots: LotFigures[], activeInHistory: readonly string[]): Warning[] {
  const warnings: Warning[] = [];
  lots.forEach((lot, li) => {
    if (lot.size < SMALL_LOT_BELOW) {
      warnings.push({
        code: "small_lot",
        path: `lots[${li}].members`,
        message: `the lot has ${lot.size} member(s); a partnership needs at least ${SMALL_LOT_BELOW} for its network figures to mean much`,
        organisations: [...lot.members],
      });
    }
    if (lot.coordinator === null) {
      warnings.push({ code: "no_coordinator", path: `lots[${li}].coordinator`, message: "the lot has no coordinator", organisations: [] });
    } else if (lot.size > 1 && lot.coordinatorPriorDegree === 0) {
      warnings.push({
        code: "coordinator_without_prior_tie",
        path: `lots[${li}].coordinator`,
        message: `coordinator "${lot.coordinator}" has no prior tie to any member of the lot`,
        organisations: [lot.coordinator],
      });
    }
    if (lot.smallFunds.length === lot.size) {
      warnings.push({ code: "only_small_funds", path: `lots[${li}].members`, message: "every member of the lot is a small fund", organisations: [...lot.members] });
    }
  });
  const placed = new Set(lots.flatMap((l) => l.members));
  const NAMED_IN_MESSAGE = 10;
  const leftOut = activeInHistory.filter((id) => !placed.has(id));
  if (leftOut.length) {
    warnings.push({
      code: "left_out",
      path: "lots",
      // The message names a few; `organisations` lists every one (a long history leaves thousands out).
      message: `${leftOut.length} active organisation(s) of the history sit in no lot: ${leftOut
        .slice(0, NAMED_IN_MESSAGE)
        .map((id) => `"${id}"`)
        .join(", ")}${leftOut.length > NAMED_IN_MESSAGE ? ` and ${leftOut.length - NAMED_IN_MESSAGE} more` : ""}`,
      organisations: leftOut,
    });
  }
  return warnings;
}
