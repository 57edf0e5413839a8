import { z } from "zod";

/**
 * The mail part of the API contract: the kinds and languages of messages, an
 * administrator's wording, the outbox, and the answers of the mail routes. The
 * browser imports these wire types; `api/mail/` and `api/calls/` build to them.
 */

export const MAIL_LANGUAGES = ["nl", "en", "fr", "de"] as const;
export const MailLanguageSchema = z.enum(MAIL_LANGUAGES);
export type MailLanguage = z.infer<typeof MailLanguageSchema>;
export const MAIL_KINDS = ["invitation", "reminder", "report-ready"] as const;
export const MailKindSchema = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof MailKindSchema>;
export const PLACEHOLDERS = ["call", "wave", "lot", "organisation", "closes", "link"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** An administrator's wording of one message, with placeholders. */
export const TemplateSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]*$/u, "may not hold control characters or line breaks"),
  body: z.string().trim().min(1).max(5000).regex(/^(?:[^\p{Cc}]|\n)*$/u, "may not hold control characters other than line breaks"),
});
export type Template = z.infer<typeof TemplateSchema>;

/** "outbox": nothing leaves the machine; "smtp": mail goes out through SMTP_URL. */
const MailModeSchema = z.enum(["smtp", "outbox"]);

/** A message as administrators read it in the outbox: its link stands as {{link}}, never the link itself. */
export const OutboxMessageSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  hasLink: z.boolean(),
  callId: z.string().optional(),
  waveId: z.string().optional(),
  organisationId: z.string().optional(),
  status: z.enum(["queued", "sending", "sent", "failed", "outbox"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

export const MailSetupAnswerSchema = z.object({ mode: MailModeSchema, from: z.string() });
export const OutboxSchema = MailSetupAnswerSchema.extend({ total: z.number().int(), messages: z.array(OutboxMessageSchema) });
export type Outbox = z.infer<typeof OutboxSchema>;

export const SkipReasonSchema = z.enum(["no-email", "no-invitation", "already-sent"]);
export type SkipReason = z.infer<typeof SkipReasonSchema>;
export const SentInvitationsAnswerSchema = z.object({
  mode: MailModeSchema,
  queued: z.array(z.string()),
  skipped: z.array(z.object({ organisation: z.string(), reason: SkipReasonSchema })),
});

/** A message as it would be sent, its link shown as {{link}}. */
export const MailPreviewAnswerSchema = z.object({ language: MailLanguageSchema, subject: z.string(), text: z.string(), html: z.string() });

/** A call's wording of one message in one language; `custom` when it is not the catalogue's. */
export const MailTemplateAnswerSchema = z.object({
  kind: MailKindSchema,
  language: MailLanguageSchema,
  subject: z.string(),
  body: z.string(),
  custom: z.boolean(),
});
export const MailTemplatesAnswerSchema = z.object({
  placeholders: z.array(z.enum(PLACEHOLDERS)),
  /** Organisations whose messages are not in Dutch, with their language. */
  languages: z.record(z.string(), MailLanguageSchema),
  templates: z.array(MailTemplateAnswerSchema),
});

export const ReminderScheduleSchema = z.object({
  /** Days before the wave's last day; empty when reminders are off. */
  days: z.array(z.number().int()),
  /** Local time, HH:MM. */
  at: z.string(),
});
export type ReminderSchedule = z.infer<typeof ReminderScheduleSchema>;
export const DueReminderSchema = z.object({ daysBefore: z.number().int(), at: z.string().describe("when it falls due, ISO 8601 UTC") });
export type DueReminder = z.infer<typeof DueReminderSchema>;
export const RemindersAnswerSchema = ReminderScheduleSchema.extend({
  timeZone: z.string(),
  default: ReminderScheduleSchema,
  due: z.array(DueReminderSchema),
});

export const OrganisationLanguageAnswerSchema = z.object({ organisation: z.string(), language: MailLanguageSchema });
export const MyLanguageAnswerSchema = z.object({ language: MailLanguageSchema });
