import { z } from "zod";
import { callSkeleton } from "../../composition/call-skeleton.ts";
import {
  CheckRequestSchema,
  type History,
  type OrganisationsResponse,
  ProposalSchema,
  type Proposal,
  SkeletonRequestSchema,
} from "../../composition/composition-schema.ts";
import { type CompositionHistory, checkProposals } from "../../composition/proposal-check.ts";
import { organisationBrief } from "../../schema/call-document.ts";
import { badRequest, notFound } from "../errors.ts";
import { validate } from "../params.ts";
import { STAFF, type RouteModule } from "../routes.ts";
import type { Context } from "../context.ts";

const ProposalParams = z.object({ id: z.coerce.number().int().positive() });

/** The waves, ties and organisations a check runs against; unknown waves are a 400 at `body.history[i]`. */
function loadHistory(ctx: Context, history: History): CompositionHistory {
  const store = ctx.store.composition;
  if (history !== "all") {
    const problems = history.flatMap((id, i) =>
      ctx.store.calls.wave(id) ? [] : [{ path: `body.history[${i}]`, message: `unknown wave "${id}"` }],
    );
    if (problems.length) throw badRequest(problems);
  }
  const waves = history === "all" ? store.allWaves() : [...new Set(history)];
  return { waves, ties: store.ties(waves), organisations: store.organisations(), activeMembers: store.activeMembers(waves) };
}

/** The lots of the latest call, as a proposal of its active members: where the page starts. */
function latestCall(ctx: Context) {
  const call = ctx.store.calls.calls()[0];
  if (!call) return null;
  const members = ctx.store.calls.callMembers(call.id);
  const proposal: Proposal = {
    name: call.name,
    lots: ctx.store.calls.lots(call.id).map((lot) => {
      const active = members.filter((m) => m.lot === lot.id && m.active);
      return {
        name: lot.name,
        coordinator: active.find((m) => m.role === "coordinator")?.organisation ?? null,
        members: active.map((m) => m.organisation),
      };
    }),
  };
  return { call: { id: call.id, name: call.name }, lots: ctx.store.calls.lots(call.id), members, proposal };
}

function requireProposal(ctx: Context, id: number) {
  const proposal = ctx.store.composition.proposal(id);
  if (!proposal) throw notFound(`proposal ${id}`);
  return proposal;
}

/** The composition check: try out lots for a new call against earlier waves, save proposals, start the call. */
export const compositionRoutes: RouteModule = (ctx) => [
  {
    method: "post",
    path: "/api/composition/check",
    roles: STAFF,
    handle: (req) => {
      const { history, proposals } = validate(CheckRequestSchema, req.body, "body");
      return checkProposals(proposals, loadHistory(ctx, history), ["body"]);
    },
  },
  {
    method: "get",
    path: "/api/composition/organisations",
    roles: STAFF,
    handle: (): OrganisationsResponse => {
      const latest = latestCall(ctx);
      const lotById = new Map(latest?.lots.map((l) => [l.id, l]));
      return {
        organisations: ctx.store.composition.organisations().map((o) => {
          const m = latest?.members.find((x) => x.organisation === o.id);
          const lot = m && lotById.get(m.lot);
          return {
            ...o,
            ...organisationBrief(o),
            currentLot: lot ? { callId: lot.callId, lotId: lot.id, number: lot.number, name: lot.name, role: m.role, active: m.active } : null,
          };
        }),
        latestCall: latest && { ...latest.call, proposal: latest.proposal },
      };
    },
  },
  {
    method: "get",
    path: "/api/composition/proposals",
    roles: STAFF,
    handle: () => ({ proposals: ctx.store.composition.proposals() }),
  },
  {
    method: "post",
    path: "/api/composition/proposals",
    roles: STAFF,
    handle: (req, res) => {
      const proposal = validate(ProposalSchema, req.body, "body");
      res.status(201);
      return { proposal: ctx.store.composition.createProposal(proposal, ctx.now()) };
    },
  },
  {
    method: "get",
    path: "/api/composition/proposals/:id",
    roles: STAFF,
    handle: (req) => ({ proposal: requireProposal(ctx, validate(ProposalParams, req.params, "params").id) }),
  },
  {
    method: "put",
    path: "/api/composition/proposals/:id",
    roles: STAFF,
    handle: (req) => {
      const { id } = validate(ProposalParams, req.params, "params");
      const proposal = validate(ProposalSchema, req.body, "body");
      const saved = ctx.store.composition.updateProposal(id, proposal, ctx.now());
      if (!saved) throw notFound(`proposal ${id}`);
      return { proposal: saved };
    },
  },
  {
    method: "delete",
    path: "/api/composition/proposals/:id",
    roles: STAFF,
    handle: (req) => {
      const { id } = validate(ProposalParams, req.params, "params");
      if (!ctx.store.composition.deleteProposal(id)) throw notFound(`proposal ${id}`);
      return { deleted: id };
    },
  },
  {
    method: "post",
    path: "/api/composition/skeleton",
    roles: STAFF,
    handle: (req) =>
      callSkeleton(validate(SkeletonRequestSchema, req.body, "body"), ctx.store.composition.organisations(), ["body"]),
  },
];
