import { z } from "zod";
import { LayerSchema, LotMetricsSchema, MissingModeSchema, NodeFiguresSchema, WaveChangeSchema, CoordinatorFiguresSchema, NetworkFiguresSchema, DesiredFiguresSchema, ChannelFiguresSchema } from "../analysis/metrics-schema.ts";
import {
  CallDocumentSchema,
  CodesSchema,
  FormSchema,
  InterviewFieldsSchema,
  InterviewNoteSchema,
  LotSchema,
  MemberSchema,
  NextPartnersSchema,
  OrganisationSchema,
  TieSchema,
  WaveAsksSchema,
  WaveSchema,
} from "./call-document.ts";
import { DESIRED_CHANGES } from "./desired-change.ts";
import { FORMS } from "./forms.ts";
import { MailLanguageSchema, OutboxMessageSchema } from "./mail-answers.ts";

/**
 * The answers of the API, one zod schema each: the wire types the browser imports
 * (never the store's rows) and the source of the OpenAPI document. Schemas of
 * answers describe what is sent, so the JSON Schema made from them (output mode)
 * allows no other property.
 */

const Id = z.string();
const Timestamp = z.string().describe("ISO 8601 date-time");
const Day = z.string().describe("YYYY-MM-DD");

export const ProblemSchema = z.object({ path: z.string(), message: z.string() });
export const ErrorAnswerSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(ProblemSchema) }),
});

/** What an administrator should know about a call but may go on with (calls/call-warnings.ts). */
export const CallWarningSchema = z.object({
  code: z.enum(["lot_without_coordinator", "wave_outside_call"]),
  path: z.string(),
  message: z.string(),
  lot: z.string().optional(),
  wave: z.string().optional(),
});
export type CallWarning = z.infer<typeof CallWarningSchema>;

export const WaveStateSchema = z.enum(["upcoming", "open", "closed"]);
export type WaveState = z.infer<typeof WaveStateSchema>;

export const LotBriefSchema = z.object({ id: Id, number: z.number().int(), name: z.string() });
export const WaveBriefSchema = z.object({ id: Id, name: z.string() });
export const OrganisationBriefSchema = z.object({ id: Id, name: z.string(), initials: z.string() });
export const CallBriefSchema = z.object({ id: Id, name: z.string() });

/** A call as stored: the call document's `call` part. */
export const CallSummarySchema = z.object({ id: Id, name: z.string(), start: Day, end: Day, description: z.string().optional() });
export type CallSummary = z.infer<typeof CallSummarySchema>;
export const StoredLotSchema = LotSchema.omit({ members: true }).extend({ callId: Id });
export type StoredLot = z.infer<typeof StoredLotSchema>;
/** A wave with its state today (an administrator's decision or its dates). */
export const WaveWithStateSchema = WaveSchema.extend({ callId: Id, state: WaveStateSchema, closedOn: Day.optional() });

// access

export const HealthAnswerSchema = z.object({ ok: z.literal(true) });
const TokenSchema = z.object({ id: z.number().int(), name: z.string().optional(), createdAt: Timestamp, revokedAt: Timestamp.optional() });
export const AdminTokensAnswerSchema = z.object({ tokens: z.array(TokenSchema.extend({ yours: z.boolean() })) });
export const RevokedTokenAnswerSchema = z.object({ revoked: z.number().int(), revokedAt: Timestamp.optional() });

// invitations

/** An invitation as an administrator sees it: never its link, which only the respondent holds. */
export const InvitationSchema = z.object({
  id: z.number().int(),
  waveId: Id,
  lotId: Id,
  organisation: Id,
  email: z.string().optional(),
  createdAt: Timestamp,
  revokedAt: Timestamp.optional(),
  /** When the consultant first opened the link. */
  openedAt: Timestamp.optional(),
});
export type Invitation = z.infer<typeof InvitationSchema>;
export const NewInvitationsAnswerSchema = z.object({
  wave: z.object({ id: Id, state: WaveStateSchema }),
  invitations: z.array(z.object({ organisation: Id, lot: Id, link: z.string().describe("shown once") })),
  warnings: z.array(CallWarningSchema),
});
export const InvitationsAnswerSchema = z.object({ invitations: z.array(InvitationSchema) });
export const InvitationAnswerSchema = z.object({ invitation: InvitationSchema });
export const ReissuedInvitationAnswerSchema = z.object({ invitation: InvitationSchema, link: z.string().describe("shown once") });

// calls

export const CallsAnswerSchema = z.object({
  calls: z.array(CallSummarySchema.extend({ waves: z.array(WaveBriefSchema.extend({ state: WaveStateSchema, submitted: z.boolean() })) })),
});
export const ImportedCallAnswerSchema = z.object({ call: CallSummarySchema, warnings: z.array(CallWarningSchema) });
export const CallAnswerSchema = z.object({
  call: CallSummarySchema,
  organisations: z.array(OrganisationSchema),
  lots: z.array(StoredLotSchema.extend({ members: z.array(MemberSchema) })),
  waves: z.array(WaveWithStateSchema.extend({ submitted: z.boolean() })),
  warnings: z.array(CallWarningSchema),
});
export type CallAnswer = z.infer<typeof CallAnswerSchema>;
/** The call document; pseudonymised, organisations carry no kind (it would point at the external ones). */
export const CallDocumentAnswerSchema = z.union([
  CallDocumentSchema,
  CallDocumentSchema.extend({ organisations: z.array(OrganisationSchema.extend({ kind: OrganisationSchema.shape.kind.removeDefault().optional() })) }),
]);
export const ImportPreviewAnswerSchema = z.union([
  z.object({
    valid: z.literal(true),
    problems: z.array(ProblemSchema).max(0),
    warnings: z.array(CallWarningSchema),
    counts: z.object({ organisations: z.number().int(), lots: z.number().int(), waves: z.number().int(), circles: z.number().int() }),
  }),
  z.object({ valid: z.literal(false), problems: z.array(ProblemSchema) }),
]);
/** Every edit of a call answers with what changed and what the administrator should know about the call now. */
const editAnswer = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, warnings: z.array(CallWarningSchema) });
export const OrganisationEditAnswerSchema = editAnswer({ organisation: OrganisationSchema, lot: LotSchema.nullable() });
export const LotEditAnswerSchema = editAnswer({ lot: LotSchema });
export const NewWaveAnswerSchema = editAnswer({ wave: WaveSchema.extend({ callId: Id, state: WaveStateSchema }) });
/** A wave after an edit of its questions. */
export const WaveEditAnswerSchema = NewWaveAnswerSchema;
export const WaveStateAnswerSchema = z.object({
  wave: WaveWithStateSchema.extend({ override: z.enum(["open", "closed"]).nullable() }),
});
export const MemberStatusSchema = z.enum(["submitted", "draft", "not-started", "inactive"]);
export type MemberStatus = z.infer<typeof MemberStatusSchema>;
/** Where a message stands: never its text or address. */
const MailStateSchema = z.object({
  status: OutboxMessageSchema.shape.status,
  at: Timestamp,
  retryAt: Timestamp.optional(),
  /** The server's words when an attempt failed. */
  reason: z.string().optional(),
});
/** A member's messages in a wave: its invitation, the first visit of its link, reminders and the report-ready note. */
const MemberMailSchema = z.object({
  language: MailLanguageSchema,
  invitation: MailStateSchema.optional(),
  openedAt: Timestamp.optional(),
  reminders: z.array(MailStateSchema.extend({ daysBefore: z.number().int() })),
  reportReady: MailStateSchema.optional(),
});
export const WaveProgressAnswerSchema = z.object({
  wave: z.object({ id: Id, name: z.string(), opens: Day, closes: Day, state: WaveStateSchema, override: z.enum(["open", "closed"]).nullable() }),
  lots: z.array(
    LotBriefSchema.extend({
      counts: z.object({
        submitted: z.number().int(),
        draft: z.number().int(),
        notStarted: z.number().int(),
        invited: z.number().int(),
        failed: z.number().int(),
        opened: z.number().int(),
      }),
      members: z.array(
        z.object({
          organisation: Id,
          name: z.string(),
          role: MemberSchema.shape.role,
          status: MemberStatusSchema,
          savedAt: Timestamp.optional(),
          revising: z.boolean().optional(),
          enteredBy: z.string().optional(),
          mail: MemberMailSchema,
        }),
      ),
    }),
  ),
});
export type WaveProgressAnswer = z.infer<typeof WaveProgressAnswerSchema>;

// circles

export const CircleContextAnswerSchema = z.object({
  call: CallBriefSchema,
  wave: z.object({
    id: Id,
    name: z.string(),
    opens: Day,
    closes: Day,
    state: WaveStateSchema,
    closedOn: Day.nullable(),
    asks: WaveAsksSchema.required(),
  }),
  lot: LotBriefSchema,
  organisation: OrganisationBriefSchema,
  partners: z.array(OrganisationBriefSchema.extend({ role: MemberSchema.shape.role })),
  others: z.array(OrganisationBriefSchema),
});
export type CircleContextAnswer = z.infer<typeof CircleContextAnswerSchema>;
export const VersionSummarySchema = z.object({
  version: z.number().int(),
  wave: Id,
  lot: Id,
  respondent: Id,
  status: z.enum(["draft", "submitted"]),
  savedAt: Timestamp,
  submittedAt: Timestamp.optional(),
  /** Who typed it in when it was not the respondent (a paper circle entered by staff). */
  enteredBy: z.string().optional(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;
export const CircleVersionSchema = VersionSummarySchema.extend({ ties: z.array(TieSchema), nextPartners: NextPartnersSchema.optional() });
export type CircleVersion = z.infer<typeof CircleVersionSchema>;
export const CircleAnswerSchema = z.object({ current: CircleVersionSchema.nullable(), versions: z.array(VersionSummarySchema) });
export type CircleAnswer = z.infer<typeof CircleAnswerSchema>;
export const SavedCircleAnswerSchema = z.object({ saved: VersionSummarySchema });

// figures

const ViewSchema = { layer: LayerSchema, missing: MissingModeSchema };
export const LotMetricsAnswerSchema = LotMetricsSchema.extend({ lot: LotBriefSchema, wave: WaveBriefSchema, ...ViewSchema });
export const ComparisonAnswerSchema = z.object({
  call: CallBriefSchema,
  wave: WaveBriefSchema,
  ...ViewSchema,
  lots: z.array(
    z.object({
      lot: LotBriefSchema,
      network: NetworkFiguresSchema,
      coordinator: CoordinatorFiguresSchema.nullable(),
      desired: DesiredFiguresSchema.nullable(),
      channels: ChannelFiguresSchema.nullable(),
    }),
  ),
});
export const ChangeAnswerSchema = z.object({ lot: LotBriefSchema, from: WaveBriefSchema, to: WaveBriefSchema, ...ViewSchema, change: WaveChangeSchema });

export const WaveChoiceSchema = z.object({ id: Id, name: z.string(), opens: Day, closes: Day, state: WaveStateSchema, submitted: z.boolean() });
export const OverviewAnswerSchema = z.object({
  call: CallSummarySchema.omit({ description: true }),
  wave: z.object({ id: Id, name: z.string(), state: WaveStateSchema }).nullable(),
  waves: z.array(WaveChoiceSchema),
  lots: z.array(
    LotBriefSchema.extend({
      figures: NetworkFiguresSchema.pick({ n: true, respondents: true, responseRate: true, density: true, reciprocity: true }),
      coordinator: z.object({ id: Id, name: z.string(), dominanceIndex: z.number().nullable() }).nullable(),
    }),
  ),
});

const NodeFigureFields = NodeFiguresSchema.omit({ id: true, name: true, role: true, responded: true }).partial();
/** A node of the lot's network as drawn: graphology's serialisation with the node's figures and position. */
export const NetworkNodeSchema = NodeFigureFields.extend({
  label: z.string(),
  name: z.string().optional(),
  initials: z.string().optional(),
  sector: z.string().optional(),
  organisationSize: z.enum(["small", "large"]).optional(),
  role: z.enum(["coordinator", "partner", "outside"]),
  lot: Id.nullable(),
  responded: z.boolean().nullable(),
  x: z.number(),
  y: z.number(),
});
export const NetworkArcSchema = z.object({
  ...Object.fromEntries(FORMS.map((f) => [f, z.number().int().optional()])) as Record<(typeof FORMS)[number], z.ZodOptional<z.ZodNumber>>,
  weight: z.number(),
  deepest: FormSchema.optional(),
  reconstructed: z.boolean(),
  crossing: z.boolean(),
  // The answers a wave may add (lot-network.ts): desired scores and change, channels listed.
  desiredWeight: z.number().int().min(0).max(4).optional(),
  desiredInformation: z.number().int().min(1).max(4).optional(),
  desiredSupport: z.number().int().min(1).max(4).optional(),
  desiredCocreation: z.number().int().min(1).max(4).optional(),
  desiredChange: z.enum(DESIRED_CHANGES).optional(),
  channelSteeringGroup: z.boolean().optional(),
  channelLearningNetwork: z.boolean().optional(),
  channelEmail: z.boolean().optional(),
  channelPhone: z.boolean().optional(),
  channelChanceMeeting: z.boolean().optional(),
});
export const NetworkAttributesSchema = z.object({
  call: Id,
  callName: z.string(),
  lot: Id.nullable(),
  lotName: z.string().optional(),
  wave: Id,
  waveName: z.string(),
  ...ViewSchema,
});
export const SerializedNetworkSchema = z.object({
  attributes: NetworkAttributesSchema,
  options: z.object({ type: z.string(), multi: z.boolean(), allowSelfLoops: z.boolean() }),
  nodes: z.array(z.object({ key: Id, attributes: NetworkNodeSchema })),
  edges: z.array(z.object({ key: z.string(), source: Id, target: Id, attributes: NetworkArcSchema, undirected: z.boolean().optional() })),
});
export const GraphAnswerSchema = z.object({
  call: CallBriefSchema,
  lot: LotBriefSchema,
  wave: WaveBriefSchema,
  waves: z.array(WaveChoiceSchema),
  ...ViewSchema,
  outside: z.boolean(),
  extent: z.number(),
  graph: SerializedNetworkSchema,
});

// reports

const CountBandSchema = z.object({ from: z.number().int(), to: z.number().int(), of: z.number().int() });
/** A mean score rounded to the nearest whole point of the 1-4 scale. */
const ScorePointSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** The feedback report of one organisation (see reports/feedback-report.ts for what it may and may not show). */
export const FeedbackReportSchema = z.object({
  call: CallBriefSchema,
  wave: z.object({ id: Id, name: z.string(), opens: Day, closes: Day, state: WaveStateSchema }),
  lot: LotBriefSchema,
  organisation: OrganisationBriefSchema.extend({ role: MemberSchema.shape.role }),
  circle: z.object({ submittedAt: Timestamp, ties: z.array(TieSchema), partners: z.array(OrganisationBriefSchema) }).nullable(),
  figures: z.object({
    n: z.number().int(),
    respondents: z.number().int(),
    responseRate: z.number().nullable(),
    coordinator: z.object({ name: z.string() }).nullable(),
    otherRespondents: z.number().int(),
    /** Of the ties the other respondents could name to each other, how many they named (a range). */
    ties: CountBandSchema.nullable(),
    /** Their mean score of those ties. */
    meanScore: ScorePointSchema.nullable(),
  }),
  reliance: z.object({
    otherRespondents: z.number().int(),
    /** Of the other respondents, how many named this organisation (a range). */
    namedBy: CountBandSchema.nullable(),
    /** Their mean score of it. */
    meanScoreReceived: ScorePointSchema.nullable(),
  }),
  /** Figures held back to protect partners' answers, and why. */
  withheld: z.array(
    z.object({
      figure: z.enum(["ties", "meanScore", "namedBy", "meanScoreReceived"]),
      reason: z.enum(["few-respondents", "few-ties", "audit"]),
    }),
  ),
});
export type FeedbackReport = z.infer<typeof FeedbackReportSchema>;

// composition

export const DeletedAnswerSchema = z.object({ deleted: z.number().int() });

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Answers that are files rather than JSON: their media types, for the API document. */
export const FILE_TYPES = {
  network: ["application/gexf+xml", "application/graphml+xml", "text/csv", XLSX_TYPE],
  workbook: [XLSX_TYPE],
  eml: ["message/rfc822"],
  csv: ["text/csv"],
} as const;


// interviews

export const InterviewStatusSchema = InterviewFieldsSchema.shape.status;
/** One saved version of an interview, without its notes. */
export const InterviewSummarySchema = z.object({
  version: z.number().int(),
  wave: Id,
  lot: Id,
  organisation: Id,
  status: InterviewStatusSchema,
  savedAt: Timestamp,
  /** The staff person who saved it (or the token, when it belongs to no one); "import" for an imported one. */
  writtenBy: z.string(),
});
export type InterviewSummary = z.infer<typeof InterviewSummarySchema>;
export const InterviewVersionSchema = InterviewSummarySchema.extend({
  plannedOn: Day.optional(),
  notes: z.string().optional(),
  codes: CodesSchema,
  partners: z.array(InterviewNoteSchema),
});
export type InterviewVersion = z.infer<typeof InterviewVersionSchema>;
export const InterviewAnswerSchema = z.object({ current: InterviewVersionSchema.nullable(), versions: z.array(InterviewSummarySchema) });
export type InterviewAnswer = z.infer<typeof InterviewAnswerSchema>;
export const InterviewVersionAnswerSchema = z.object({ interview: InterviewVersionSchema });
export const SavedInterviewAnswerSchema = z.object({ saved: InterviewSummarySchema });
export type SavedInterviewAnswer = z.infer<typeof SavedInterviewAnswerSchema>;
/** Per lot of the wave, each active member and where its interview stands ("none": nothing saved yet). */
export const InterviewListAnswerSchema = z.object({
  wave: WaveBriefSchema,
  lots: z.array(
    LotBriefSchema.extend({
      members: z.array(
        z.object({
          organisation: Id,
          name: z.string(),
          role: MemberSchema.shape.role,
          status: z.enum(["none", ...InterviewStatusSchema.options]),
          plannedOn: Day.optional(),
          savedAt: Timestamp.optional(),
          writtenBy: z.string().optional(),
        }),
      ),
    }),
  ),
});
export type InterviewListAnswer = z.infer<typeof InterviewListAnswerSchema>;
/** Per lot, over the latest version of each interview: how many notes carry each code, in how many interviews. */
export const CodeCountsAnswerSchema = z.object({
  wave: WaveBriefSchema,
  lots: z.array(
    LotBriefSchema.extend({
      interviews: z.number().int(),
      codes: z.array(z.object({ code: CodesSchema.element, notes: z.number().int(), interviews: z.number().int() })),
    }),
  ),
});
export type CodeCountsAnswer = z.infer<typeof CodeCountsAnswerSchema>;
