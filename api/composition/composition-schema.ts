import { z } from "zod";
import { CallSchema, IdSchema, OrganisationSchema } from "../schema/call-document.ts";
import { ProposalSchema } from "../schema/proposals.ts";
import { MAX_COMPARED_PROPOSALS } from "./proposal-limits.ts";

/**
 * Shapes of the composition check: a proposal (a set of lots for a new call), the
 * check request and its answer, saved proposals and the call skeleton request.
 * Rules that span a proposal (unknown organisations, an organisation in two lots, …)
 * live in `composition-rules.ts`.
 */

/** The waves whose ties make the history: every wave of every call, or the listed ones. */
export const HistorySchema = z.union([z.literal("all"), z.array(IdSchema).min(1).max(200)], {
  message: 'expected "all" or a list of wave ids',
});
export type History = z.infer<typeof HistorySchema>;

export const CheckRequestSchema = z.strictObject({
  history: HistorySchema.default("all"),
  proposals: z.array(ProposalSchema).min(1).max(MAX_COMPARED_PROPOSALS, `at most ${MAX_COMPARED_PROPOSALS} proposals`),
});
export type CheckRequest = z.infer<typeof CheckRequestSchema>;

export const LotFiguresSchema = z.object({
  name: z.string(),
  coordinator: IdSchema.nullable(),
  members: z.array(IdSchema),
  /** k, the number of members. */
  size: z.number().int(),
  priorDensity: z.number().nullable(),
  newcomers: z.array(IdSchema),
  /** Null when the lot has no coordinator. */
  coordinatorPriorDegree: z.number().int().nullable(),
  hub: IdSchema,
  smallFunds: z.array(IdSchema),
  sectors: z.array(z.string()),
  /** H-degree of every member within the lot, for the page's highlights. */
  priorDegrees: z.record(IdSchema, z.number().int()),
  /** The edges of H among the members, each pair in id order; the lot's network picture. */
  priorTies: z.array(z.tuple([IdSchema, IdSchema])),
  /**
   * Next-partner wishes inside the lot, only as counts: how many times a member
   * named another member under `with`, and under `without`.
   */
  wishes: z.object({ with: z.number().int(), without: z.number().int() }),
});
export type LotFigures = z.infer<typeof LotFiguresSchema>;

export const WARNING_CODES = ["no_coordinator", "coordinator_without_prior_tie", "left_out", "only_small_funds", "small_lot"] as const;

export const WarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  /** Where in the proposal, e.g. `lots[2].coordinator`; `lots` for organisations in no lot. */
  path: z.string(),
  message: z.string(),
  /** The organisations the warning is about. */
  organisations: z.array(IdSchema),
});
export type Warning = z.infer<typeof WarningSchema>;

export const ProposalCheckSchema = z.object({
  name: z.string(),
  lots: z.array(LotFiguresSchema),
  totals: z.object({
    /** Mean over the lots whose priorDensity is not null; null when there is none. */
    meanPriorDensity: z.number().nullable(),
    newcomers: z.number().int(),
  }),
  warnings: z.array(WarningSchema),
});
export type ProposalCheck = z.infer<typeof ProposalCheckSchema>;

export const CheckResponseSchema = z.object({
  // `edges`: how many pairs of organisations H joins.
  history: z.object({ waves: z.array(IdSchema), edges: z.number().int() }),
  proposals: z.array(ProposalCheckSchema),
});
export type CheckResponse = z.infer<typeof CheckResponseSchema>;

/** An organisation that can be placed, as its latest call describes it, with its lot in the latest call (null when that call does not list it). */
export const ComposableOrganisationSchema = OrganisationSchema.extend({
  initials: z.string(),
  currentLot: z
    .object({ callId: IdSchema, lotId: IdSchema, number: z.number().int(), name: z.string(), role: z.enum(["coordinator", "partner"]), active: z.boolean() })
    .nullable(),
});
export type ComposableOrganisation = z.infer<typeof ComposableOrganisationSchema>;

/** Most organisations one answer lists: a long history holds thousands, and the page asks for them a page at a time. */
export const MAX_ORGANISATIONS_PAGE = 200;

/**
 * GET /api/composition/organisations: a page of the organisations known, by name;
 * `q` searches name, initials and id, `call` keeps those of one call, `kind` one kind,
 * `ids` (comma-separated) exactly those organisations.
 */
export const OrganisationsQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  call: IdSchema.optional(),
  kind: z.enum(["sector-fund", "external"]).optional(),
  ids: z
    .string()
    .transform((s) => s.split(","))
    .pipe(z.array(IdSchema).min(1).max(MAX_ORGANISATIONS_PAGE))
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ORGANISATIONS_PAGE).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type OrganisationsQuery = z.infer<typeof OrganisationsQuerySchema>;

export const OrganisationsResponseSchema = z.object({
  organisations: z.array(ComposableOrganisationSchema),
  /** How many organisations match, over all pages. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type OrganisationsResponse = z.infer<typeof OrganisationsResponseSchema>;

/** GET /api/composition/latest-call: where the page starts, the latest call's lots as a proposal, and that call's organisations. */
export const LatestCallResponseSchema = z.object({
  /** The latest call with its lots as a proposal of their active members; null without calls. */
  latestCall: z.object({ id: IdSchema, name: z.string(), proposal: ProposalSchema }).nullable(),
  organisations: z.array(ComposableOrganisationSchema),
});
export type LatestCallResponse = z.infer<typeof LatestCallResponseSchema>;

export const SkeletonRequestSchema = z.strictObject({
  // Lot ids of the skeleton are `<call id>-lot-<n>`, which must stay within 64 characters.
  call: CallSchema.extend({ id: IdSchema.refine((id) => id.length <= 56, "at most 56 characters") }),
  proposal: ProposalSchema,
});
export type SkeletonRequest = z.infer<typeof SkeletonRequestSchema>;
