import { z } from "zod";
import { CHANNELS } from "./channels.ts";
import { FORMS } from "./forms.ts";
import { CODES, INTERVIEW_STATUSES } from "./interview-codes.ts";

/**
 * The call document (`netwerkcirkel/v1`), the product's interchange format.
 * The zod schemas here are the one source of truth for its shape; the rules that
 * span several parts of the document (references, uniqueness) live in
 * `call-rules.ts`.
 */

export const FormSchema = z.enum(FORMS);
export type Form = z.infer<typeof FormSchema>;

/** Author's ids: slugs of letters, digits, `-` and `_`, 1-64 characters. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "expected an id: 1-64 letters, digits, '-' or '_'");

const isoDate = z.iso.date({ message: "expected a date YYYY-MM-DD" });
/** Characters XML 1.0 cannot carry: they would break the GEXF and GraphML exports. */
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** A UTF-16 surrogate without its partner (with the u flag a proper pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const xmlSafe = (s: z.ZodString) =>
  s
    .refine((v) => !NOT_IN_XML.test(v), "must not contain control characters")
    .refine((v) => !LONE_SURROGATE.test(v), "must not contain an unpaired UTF-16 surrogate (it cannot be stored or exported as text)");
/** Names and labels: not blank and not padded, so that an export gives back exactly what was imported. */
const text = (max: number) =>
  xmlSafe(z.string().max(max).regex(/\S/, "must not be empty"))
    .refine((v) => v === v.trim(), "must not start or end with white space");

export const ScoreSchema = z
  .number({ message: "expected an integer 1-4" })
  .int("expected an integer 1-4")
  .min(1, "expected an integer 1-4")
  .max(4, "expected an integer 1-4");

/** Forms of one tie, each with its contribution score (1-4). */
export const FormsSchema = z.strictObject({
  information: ScoreSchema.optional(),
  support: ScoreSchema.optional(),
  cocreation: ScoreSchema.optional(),
});
export type Forms = z.infer<typeof FormsSchema>;

export const hasForm = (f: Forms): boolean => FORMS.some((k) => f[k] !== undefined);

export const ChannelSchema = z.enum(CHANNELS);

/**
 * One tie of a circle. `desired` (the wave asks `desired`) has the shape of `forms`,
 * `{}` meaning "no collaboration wanted"; `channels` (the wave asks `channels`) lists
 * how the collaboration is organised. A tie needs at least one form unless its
 * `desired` is not empty: a collaboration wanted that does not exist yet.
 */
export const TieSchema = z
  .strictObject({
    partner: IdSchema,
    forms: FormsSchema,
    desired: FormsSchema.optional(),
    channels: z.array(ChannelSchema).max(CHANNELS.length).optional(),
  })
  .refine((t) => hasForm(t.forms) || (t.desired !== undefined && hasForm(t.desired)), {
    path: ["forms"],
    message: "expected at least one of information, support, cocreation",
  });
export type Tie = z.infer<typeof TieSchema>;

export const TiesSchema = z.array(TieSchema).max(500);

export const CallSchema = z.strictObject({
  id: IdSchema,
  name: text(200),
  start: isoDate,
  end: isoDate,
  description: xmlSafe(z.string().max(5000)).optional(),
});

export const OrganisationSchema = z.strictObject({
  id: IdSchema,
  name: text(200),
  initials: text(8).optional(),
  sector: text(200).optional(),
  size: z.enum(["small", "large"]).optional(),
  kind: z.enum(["sector-fund", "external"]).default("sector-fund"),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/**
 * `organisation.initials` when the document gives none: the first letter or digit of
 * the name's first two words ("Bouw <fonds>" is "BF", not "B<").
 */
export function initialsOf(name: string): string {
  const LETTER = /[\p{L}\p{N}]/u;
  return name
    .split(/[\s/-]+/)
    .flatMap((w) => LETTER.exec(w) ?? [])
    .slice(0, 2)
    .map((letter) => letter.toUpperCase())
    .join("");
}

/** How an organisation is named to people: its id, name and initials (given, or from the name). */
export const organisationBrief = (o: Pick<Organisation, "id" | "name" | "initials">) => ({
  id: o.id,
  name: o.name,
  initials: o.initials ?? initialsOf(o.name),
});

export const MemberSchema = z.strictObject({
  organisation: IdSchema,
  role: z.enum(["coordinator", "partner"]),
  active: z.boolean().default(true),
});
export type Member = z.infer<typeof MemberSchema>;

export const LotSchema = z.strictObject({
  id: IdSchema,
  number: z.number().int().min(0).max(9999),
  name: text(300),
  jointCommittees: z.array(text(100)).max(200).optional(),
  members: z.array(MemberSchema).max(500),
});
export type Lot = z.infer<typeof LotSchema>;

/**
 * Questions a wave may add to the circle (call-format.md); each is false when absent.
 * One optional flag per question, so that further questions join as further keys.
 */
export const WaveAsksSchema = z.strictObject({
  desired: z.boolean().optional(),
  channels: z.boolean().optional(),
  nextPartners: z.boolean().optional(),
});
export type WaveAsks = z.infer<typeof WaveAsksSchema>;

export const WaveSchema = z.strictObject({
  id: IdSchema,
  name: text(200),
  opens: isoDate,
  closes: isoDate,
  asks: WaveAsksSchema.optional(),
});
export type Wave = z.infer<typeof WaveSchema>;

/**
 * `asks.nextPartners`: with whom the respondent would like to work in a next call,
 * and with whom rather not. Confidential like the ties.
 */
export const NextPartnersSchema = z.strictObject({
  with: z.array(IdSchema).max(2000),
  without: z.array(IdSchema).max(2000),
});
export type NextPartners = z.infer<typeof NextPartnersSchema>;

export const CircleSchema = z.strictObject({
  wave: IdSchema,
  lot: IdSchema,
  respondent: IdSchema,
  submittedAt: z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time" }).optional(),
  ties: TiesSchema,
  nextPartners: NextPartnersSchema.optional(),
});
export type Circle = z.infer<typeof CircleSchema>;

/** Free text of an interview's notes: line breaks allowed, not blank. */
const noteText = xmlSafe(z.string().max(20000).regex(/\S/, "must not be empty"));

/** Codes of the coding scheme (interview-codes.ts), each at most once. */
export const CodesSchema = z
  .array(z.enum(CODES))
  .max(CODES.length)
  .refine((codes) => new Set(codes).size === codes.length, "a code is listed twice");

/** The interviewer's notes about one partner, one field per question of the interview guide, and their codes. */
export const InterviewNoteSchema = z.strictObject({
  partner: IdSchema,
  howItLooks: noteText.optional(),
  howItCameAbout: noteText.optional(),
  prosAndCons: noteText.optional(),
  currentVsDesired: noteText.optional(),
  supportNeeded: noteText.optional(),
  codes: CodesSchema.default([]),
});
export type InterviewNote = z.infer<typeof InterviewNoteSchema>;

/**
 * The evaluator's interview with one respondent about its circle of a wave (annexes
 * 7 and 8): its status, the day it is planned for, general notes with their codes,
 * and notes per partner. Confidential: for staff only.
 */
export const InterviewFieldsSchema = z.strictObject({
  status: z.enum(INTERVIEW_STATUSES),
  plannedOn: isoDate.optional(),
  notes: noteText.optional(),
  codes: CodesSchema.default([]),
  partners: z.array(InterviewNoteSchema).max(500).default([]),
});
export const InterviewSchema = InterviewFieldsSchema.extend({ wave: IdSchema, organisation: IdSchema });
export type Interview = z.infer<typeof InterviewSchema>;

export const CALL_FORMAT = "netwerkcirkel/v1";

export const CallDocumentSchema = z.strictObject({
  format: z.literal(CALL_FORMAT, { message: `expected "${CALL_FORMAT}"` }),
  call: CallSchema,
  organisations: z.array(OrganisationSchema).max(2000),
  lots: z.array(LotSchema).max(500),
  waves: z.array(WaveSchema).max(100),
  circles: z.array(CircleSchema).max(20000),
  interviews: z.array(InterviewSchema).max(20000).optional(),
});
/** A call document after parsing (defaults filled in). */
export type CallDocument = z.infer<typeof CallDocumentSchema>;
/** A call document as written by an author (defaults may be absent). */
export type CallDocumentInput = z.input<typeof CallDocumentSchema>;
