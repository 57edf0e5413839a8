import { organisationBrief } from "../schema/call-document.ts";
import { RuleError, formatPath } from "../schema/problems.ts";
import type { Store } from "../store/store.ts";
import type { Organisation } from "../schema/call-document.ts";
import type { ComposableOrganisation, History, LatestCallResponse, OrganisationsQuery, OrganisationsResponse } from "./composition-schema.ts";
import type { Proposal } from "../schema/proposals.ts";
import type { CompositionHistory } from "./proposal-check.ts";
import type { SuggestRequest } from "./suggestion-schema.ts";

/**
 * What a composition check runs against, read from the store: the chosen waves (or
 * all of them), their ties and the organisations known; and the latest call as the
 * proposal the page starts from.
 */

/**
 * The waves, ties, next-partner wishes and the organisations named (`named`: the
 * request's ids; an unknown one is left out for the rules to name) a check or a
 * suggestion runs against; an unknown wave is a RuleError at `<prefix>.<field>[i]`.
 */
export function loadHistory(store: Store, history: History, named: Iterable<string>, prefix: PropertyKey[] = [], field = "history"): CompositionHistory {
  if (history !== "all") {
    const problems = history.flatMap((id, i) =>
      store.calls.wave(id) ? [] : [{ path: formatPath([...prefix, field, i]), message: `unknown wave "${id}"` }],
    );
    if (problems.length) throw new RuleError("the request breaks a rule", problems);
  }
  const c = store.composition;
  const waves = history === "all" ? c.allWaves() : [...new Set(history)];
  return { waves, ties: c.ties(waves), organisations: c.organisationsAmong(named), activeMembers: c.activeMembers(waves), wishes: c.wishes(waves) };
}

/** Every organisation a proposal names: its members and coordinators. */
export const namedInProposal = (p: Proposal): string[] => p.lots.flatMap((l) => (l.coordinator ? [l.coordinator, ...l.members] : l.members));

/** Every organisation a suggestion request names: those to partition, the coordinators and both ends of every pair. */
export const namedInSuggestion = (r: Pick<SuggestRequest, "organisations" | "coordinators" | "together" | "apart">): string[] => [
  ...r.organisations,
  ...r.coordinators,
  ...r.together.flat(),
  ...r.apart.flat(),
];

/** The lots of the latest call, as a proposal of its active members: where the page starts. */
function latestCall(store: Store) {
  const call = store.calls.calls()[0];
  if (!call) return null;
  const members = store.calls.callMembers(call.id);
  const lots = store.calls.lots(call.id);
  const proposal: Proposal = {
    name: call.name,
    lots: lots.map((lot) => {
      const active = members.filter((m) => m.lot === lot.id && m.active);
      return {
        name: lot.name,
        coordinator: active.find((m) => m.role === "coordinator")?.organisation ?? null,
        members: active.map((m) => m.organisation),
      };
    }),
  };
  return { call: { id: call.id, name: call.name }, lots, members, proposal };
}

/** Organisations with their lot in the latest call (`latest` as `latestCall` read it). */
function withCurrentLots(organisations: Organisation[], latest: ReturnType<typeof latestCall>): ComposableOrganisation[] {
  const lotById = new Map(latest?.lots.map((l) => [l.id, l]));
  const memberOf = new Map(latest?.members.map((m) => [m.organisation, m]));
  return organisations.map((o) => {
    const m = memberOf.get(o.id);
    const lot = m && lotById.get(m.lot);
    return {
      ...o,
      ...organisationBrief(o),
      currentLot: lot ? { callId: lot.callId, lotId: lot.id, number: lot.number, name: lot.name, role: m.role, active: m.active } : null,
    };
  });
}

/** A page of the organisations known across calls, each with its place in the latest call. */
export function composableOrganisations(store: Store, query: OrganisationsQuery): OrganisationsResponse {
  const { organisations, total } = store.composition.organisationPage(query);
  return { organisations: withCurrentLots(organisations, latestCall(store)), total, limit: query.limit, offset: query.offset };
}

/** Where the page starts: the latest call as a proposal, with that call's organisations (as their latest call describes them). */
export function latestCallStart(store: Store): LatestCallResponse {
  const latest = latestCall(store);
  if (!latest) return { latestCall: null, organisations: [] };
  const { organisations } = store.composition.organisationPage({ call: latest.call.id, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  return { latestCall: { ...latest.call, proposal: latest.proposal }, organisations: withCurrentLots(organisations, latest) };
}
