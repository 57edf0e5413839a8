import { z } from "zod";
import { IdSchema, NextPartnersSchema } from "./call-document.ts";

/**
 * A proposed composition of lots for a new call, as staff save it and the
 * composition check and suggestions read it; and the records of earlier waves the
 * store hands to the check (ties and next-partner wishes).
 */

const name = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const ProposedLotSchema = z.strictObject({
  name: name(300),
  /** Absent or null: the lot has no coordinator yet (a warning, not an error). */
  coordinator: IdSchema.nullish(),
  members: z.array(IdSchema).max(500),
});
export type ProposedLot = z.infer<typeof ProposedLotSchema>;

export const ProposalSchema = z.strictObject({
  name: name(200),
  lots: z.array(ProposedLotSchema).min(1, "a proposal has at least one lot").max(100),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const SavedProposalSchema = ProposalSchema.extend({
  id: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedProposal = z.infer<typeof SavedProposalSchema>;

/** A tie reported in an earlier wave: who named whom, whatever the lot and the layer. */
export const HistoryTieSchema = z.object({ respondent: IdSchema, partner: IdSchema });
export type HistoryTie = z.infer<typeof HistoryTieSchema>;

/** An organisation's next-partner wishes in its latest submitted circle of the chosen waves. */
export const HistoryWishSchema = z.object({ respondent: IdSchema, nextPartners: NextPartnersSchema });
export type HistoryWish = z.infer<typeof HistoryWishSchema>;
