import { callSkeleton } from "../../composition/call-skeleton.ts";
import { composableOrganisations, latestCallStart, loadHistory, namedInProposal, namedInSuggestion } from "../../composition/composition-history.ts";
import { CheckRequestSchema, CheckResponseSchema, LatestCallResponseSchema, OrganisationsQuerySchema, OrganisationsResponseSchema, SkeletonRequestSchema } from "../../composition/composition-schema.ts";
import { ProposalSchema, SavedProposalSchema } from "../../schema/proposals.ts";
import { checkProposals } from "../../composition/proposal-check.ts";
import { suggestCompositions } from "../../composition/suggest-compositions.ts";
import { SuggestRequestSchema, SuggestResponseSchema } from "../../composition/suggestion-schema.ts";
import { requireProposal } from "../lookups.ts";
import { validate } from "../params.ts";
import { STAFF, type RouteModule } from "../routes.ts";
import { z } from "zod";
import { DeletedAnswerSchema } from "../../schema/answers.ts";
import { CallDocumentSchema } from "../../schema/call-document.ts";

/** The composition check: try out lots for a new call against earlier waves, save proposals, start the call. */
export const compositionRoutes: RouteModule = (ctx) => [
  {
    method: "post",
    path: "/api/composition/check",
    roles: STAFF,
    response: CheckResponseSchema,
    handle: (req) => {
      const { history, proposals } = validate(CheckRequestSchema, req.body, "body");
      return checkProposals(proposals, loadHistory(ctx.store, history, proposals.flatMap(namedInProposal), ["body"]), ["body"]);
    },
  },
  {
    method: "post",
    path: "/api/composition/suggest",
    roles: STAFF,
    response: SuggestResponseSchema,
    handle: (req) => {
      const request = validate(SuggestRequestSchema, req.body, "body");
      return suggestCompositions(request, loadHistory(ctx.store, request.waves, namedInSuggestion(request), ["body"], "waves"), ["body"]);
    },
  },
  {
    method: "get",
    path: "/api/composition/organisations",
    roles: STAFF,
    response: OrganisationsResponseSchema,
    handle: (req) => composableOrganisations(ctx.store, validate(OrganisationsQuerySchema, req.query, "query")),
  },
  {
    method: "get",
    path: "/api/composition/latest-call",
    roles: STAFF,
    response: LatestCallResponseSchema,
    handle: () => latestCallStart(ctx.store),
  },
  {
    method: "get",
    path: "/api/composition/proposals",
    roles: STAFF,
    response: z.object({ proposals: z.array(SavedProposalSchema) }),
    handle: () => ({ proposals: ctx.store.composition.proposals() }),
  },
  {
    method: "post",
    path: "/api/composition/proposals",
    roles: STAFF,
    response: z.object({ proposal: SavedProposalSchema }),
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
    response: z.object({ proposal: SavedProposalSchema }),
    handle: (req) => ({ proposal: requireProposal(ctx, req.params.id) }),
  },
  {
    method: "put",
    path: "/api/composition/proposals/:id",
    roles: STAFF,
    response: z.object({ proposal: SavedProposalSchema }),
    handle: (req) => {
      const { id } = requireProposal(ctx, req.params.id);
      const proposal = validate(ProposalSchema, req.body, "body");
      return { proposal: ctx.store.composition.updateProposal(id, proposal, ctx.now())! };
    },
  },
  {
    method: "delete",
    path: "/api/composition/proposals/:id",
    roles: STAFF,
    response: DeletedAnswerSchema,
    handle: (req) => {
      const { id } = requireProposal(ctx, req.params.id);
      ctx.store.composition.deleteProposal(id);
      return { deleted: id };
    },
  },
  {
    method: "post",
    path: "/api/composition/skeleton",
    roles: STAFF,
    response: CallDocumentSchema,
    handle: (req) =>
      callSkeleton(validate(SkeletonRequestSchema, req.body, "body"), ctx.store.composition.organisations(), ["body"]),
  },
];
