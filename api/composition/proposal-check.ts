import type { Organisation } from "../schema/call-document.ts";
import { RuleError } from "../schema/problems.ts";
import type { CheckResponse, ProposalCheck } from "./composition-schema.ts";
import type { HistoryTie, HistoryWish, Proposal } from "../schema/proposals.ts";
import { proposalRuleProblems, proposalWarnings } from "./composition-rules.ts";
import { historyGraph } from "./history-graph.ts";
import { checkLot } from "./lot-check.ts";
import { wishBook } from "./next-partner-wishes.ts";

/** What the store hands over for a check: the chosen waves' ties and the organisations known. */
export interface CompositionHistory {
  waves: string[];
  /** Ties of the latest submitted circle per (wave, respondent) in the chosen waves. */
  ties: HistoryTie[];
  /** The organisations the request names that are known across calls, as the latest call describes each. */
  organisations: Organisation[];
  /** Active lot members of the calls the chosen waves belong to. */
  activeMembers: string[];
  /** Per organisation, the next-partner wishes of its latest submitted circle in the chosen waves. */
  wishes: HistoryWish[];
}

/**
 * Check up to three proposals against one history: figures per lot, totals per
 * proposal for side-by-side comparison, and warnings. Rule breaks in any proposal
 * throw a RuleError (400) naming paths under `prefix` + `proposals[i]`.
 */
export function checkProposals(proposals: Proposal[], history: CompositionHistory, prefix: PropertyKey[] = []): CheckResponse {
  const organisations = new Map(history.organisations.map((o) => [o.id, o]));
  const known = new Set(organisations.keys());
  const problems = proposals.flatMap((p, i) => proposalRuleProblems(p, known, [...prefix, "proposals", i]));
  if (problems.length) throw new RuleError("the proposal breaks a rule", problems);
  const h = historyGraph(history.ties);
  const wishes = wishBook(history.wishes);
  return {
    history: { waves: history.waves, edges: h.size },
    proposals: proposals.map((p): ProposalCheck => {
      const lots = p.lots.map((lot) => checkLot(lot, h, organisations, wishes));
      const densities = lots.flatMap((l) => (l.priorDensity === null ? [] : [l.priorDensity]));
      return {
        name: p.name,
        lots,
        totals: {
          meanPriorDensity: densities.length ? densities.reduce((a, b) => a + b, 0) / densities.length : null,
          newcomers: lots.reduce((n, l) => n + l.newcomers.length, 0),
        },
        warnings: proposalWarnings(lots, history.activeMembers),
      };
    }),
  };
}
