import type { Organisation } from "../schema/call-document.ts";
import { RuleError, formatPath } from "../schema/problems.ts";
import { historyGraph } from "./history-graph.ts";
import { checkLot } from "./lot-check.ts";
import { wishBook } from "./next-partner-wishes.ts";
import { partitionInstance, scoreParts, totalScore } from "./partition-instance.ts";
import { searchPartitionsOffThread } from "./partition-search-thread.ts";
import { wallClock } from "./wall-clock.ts";
import type { CompositionHistory } from "./proposal-check.ts";
import type { SuggestRequest, SuggestResponse } from "./suggestion-schema.ts";
import { suggestionProblems } from "./suggestion-rules.ts";

/** What the request asked for that could make it infeasible, named for the 400 when the solver proves it is. */
function constraintsInPlay(r: SuggestRequest): string {
  const named = [`${r.lots} lots of ${r.minSize}-${r.maxSize ?? r.organisations.length} organisations`];
  if (r.coordinators.length) named.push("the coordinators");
  if (r.together.length) named.push("the together pairs");
  if (r.apart.length) named.push("the apart pairs");
  if (r.noNewcomers) named.push("noNewcomers");
  return named.join(", ");
}

/**
 * Suggested compositions: the `count` best partitions of the organisations into
 * lots by the score of docs/metrics.md, best first, each with its score, its parts
 * (recomputed from the definition, not taken from the solver), the composition-check
 * figures of its lots, and whether it is proven optimal or the bound reached.
 * Impossible requests throw a RuleError (400) naming the constraints at fault.
 */
export async function suggestCompositions(request: SuggestRequest, history: CompositionHistory, prefix: PropertyKey[] = []): Promise<SuggestResponse> {
  // The time limit is for the whole request: the checks, the instance and the search's thread start count too.
  const startedAt = wallClock();
  const organisations = new Map<string, Organisation>(history.organisations.map((o) => [o.id, o]));
  const h = historyGraph(history.ties);
  const problems = suggestionProblems(request, new Set(organisations.keys()), h, prefix);
  if (problems.length) throw new RuleError("the constraints cannot hold together", problems);

  const wishes = wishBook(history.wishes);
  const inst = partitionInstance(request, h, organisations, wishes);
  const outcome = await searchPartitionsOffThread(inst, request.count, request.timeLimitSeconds, startedAt);
  if (outcome.kind === "infeasible") {
    throw new RuleError("the constraints cannot hold together", [
      { path: formatPath(prefix) || "body", message: `no partition meets ${constraintsInPlay(request)} all at once (proven by the solver)` },
    ]);
  }
  return {
    history: { waves: history.waves, edges: h.size },
    suggestions: outcome.partitions.map((p) => {
      const parts = scoreParts(inst, p.lots);
      const score = totalScore(parts);
      return {
        score,
        parts,
        optimal: p.optimal,
        // The solver's bound, never below the score it reports beside it.
        bound: p.optimal ? score : Math.max(score, p.bound),
        lots: p.lots.map((members, l) =>
          checkLot(
            { name: `${l + 1}`, coordinator: inst.ids[inst.coordinators[l]!] ?? null, members: members.map((o) => inst.ids[o]!) },
            h,
            organisations,
            wishes,
          ),
        ),
      };
    }),
    search: { solver: outcome.solver, seconds: outcome.seconds },
  };
}
