import type { Request } from "express";
import { z } from "zod";
import { DEFAULT_SCHEDULE, SCHEDULE_TIME_ZONE, reminderTimes } from "../../calls/wave-mail.ts";
import { LINK_SHOWN_AS, LINK_SLOT } from "../../mail/mail-delivery.ts";
import { templateProblems } from "../../mail/messages.ts";
import { IdSchema } from "../../schema/call-document.ts";
import {
  MAIL_KINDS,
  MAIL_LANGUAGES,
  MailKindSchema,
  MailLanguageSchema,
  MailPreviewAnswerSchema,
  MailSetupAnswerSchema,
  MailTemplateAnswerSchema,
  MailTemplatesAnswerSchema,
  MyLanguageAnswerSchema,
  OrganisationLanguageAnswerSchema,
  PLACEHOLDERS,
  RemindersAnswerSchema,
  SentInvitationsAnswerSchema,
  TemplateSchema,
  type ReminderSchedule,
} from "../../schema/mail-answers.ts";
import { RuleError } from "../../schema/problems.ts";
import type { StoredWave } from "../../store/call-store.ts";
import { notFound } from "../errors.ts";
import { requireCall, requireWave } from "../lookups.ts";
import { validate } from "../params.ts";
import type { Context } from "../context.ts";
import { ADMIN, RESPONDENT, authOf, type RouteDef, type RouteModule } from "../routes.ts";

const CallParams = z.object({ callId: IdSchema });
const TemplateParams = z.object({ callId: IdSchema, kind: MailKindSchema, language: MailLanguageSchema });
const OrganisationParams = z.object({ callId: IdSchema, organisationId: IdSchema });

const SendBody = z.strictObject({ organisations: z.array(IdSchema).min(1).max(2000).optional() });
const PreviewBody = z.strictObject({
  kind: MailKindSchema,
  organisation: IdSchema,
  language: MailLanguageSchema.optional(),
  /** Wording not saved yet, to see before saving. */
  template: TemplateSchema.optional(),
});
const LanguageBody = z.strictObject({ language: MailLanguageSchema });
const ScheduleBody = z.strictObject({
  days: z
    .array(z.number().int().min(0).max(90))
    .max(5)
    .refine((d) => new Set(d).size === d.length, "each day once"),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM"),
});

/** A wave's reminder schedule as answered: the schedule, its time zone, the default and when each falls due. */
const reminderAnswer = (wave: Pick<StoredWave, "closes">, schedule: ReminderSchedule) => ({
  ...schedule,
  timeZone: SCHEDULE_TIME_ZONE,
  default: DEFAULT_SCHEDULE,
  due: reminderTimes(wave, schedule),
});

/** Save a wording only when its placeholders are right: 400 naming the field otherwise. */
function checkTemplate(t: z.infer<typeof TemplateSchema>, prefix: string[]): void {
  const problems = templateProblems(t, prefix);
  if (problems.length) throw new RuleError("the message has problems; nothing was saved", problems);
}

/** Rewording or going back to the catalogue: the call, kind and language the path names, the change, and the wording now in force. */
const templateRoute = (ctx: Context, method: "put" | "delete", change: (req: Request, key: z.infer<typeof TemplateParams>) => void): RouteDef => ({
  method,
  path: "/api/calls/:callId/mail/templates/:kind/:language",
  roles: ADMIN,
  response: MailTemplateAnswerSchema,
  handle: (req) => {
    const key = validate(TemplateParams, req.params, "params");
    requireCall(ctx, key.callId);
    change(req, key);
    return { kind: key.kind, language: key.language, ...ctx.waveMail.template(key.callId, key.kind, key.language) };
  },
});

/**
 * Mail to a wave's respondents: send the invitations, preview a message, reword the
 * messages of a call, set the reminder schedule, and each organisation's language
 * (set by an administrator, or remembered from the circle page).
 */
export const waveMailRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/mail",
    roles: ADMIN,
    response: MailSetupAnswerSchema,
    handle: () => ({ mode: ctx.mail.mode, from: ctx.mail.from }),
  },
  {
    method: "post",
    path: "/api/waves/:waveId/mail/invitations",
    roles: ADMIN,
    response: SentInvitationsAnswerSchema,
    handle: (req, res) => {
      const wave = requireWave(ctx, req.params.waveId);
      const { organisations } = validate(SendBody, req.body ?? {}, "body");
      const result = ctx.waveMail.sendInvitations(wave, organisations);
      res.status(201);
      return { mode: ctx.mail.mode, ...result };
    },
  },
  {
    method: "post",
    path: "/api/waves/:waveId/mail/preview",
    roles: ADMIN,
    response: MailPreviewAnswerSchema,
    handle: (req) => {
      const wave = requireWave(ctx, req.params.waveId);
      const body = validate(PreviewBody, req.body, "body");
      if (!ctx.store.calls.organisation(wave.callId, body.organisation)) throw notFound(`organisation "${body.organisation}" in call "${wave.callId}"`);
      if (body.template) checkTemplate(body.template, ["body", "template"]);
      const m = ctx.waveMail.render(wave, body.organisation, body.kind, {
        ...(body.language !== undefined && { language: body.language }),
        ...(body.template !== undefined && { template: body.template }),
      });
      const shown = (s: string) => s.replaceAll(LINK_SLOT, LINK_SHOWN_AS);
      return { language: m.language, subject: m.subject, text: shown(m.text), html: shown(m.html) };
    },
  },
  {
    method: "get",
    path: "/api/calls/:callId/mail/templates",
    roles: ADMIN,
    response: MailTemplatesAnswerSchema,
    handle: (req) => {
      const { callId } = validate(CallParams, req.params, "params");
      requireCall(ctx, callId);
      return {
        placeholders: PLACEHOLDERS,
        /** Organisations whose messages are not in Dutch, with their language. */
        languages: Object.fromEntries(ctx.store.mailSettings.languages(callId)),
        templates: MAIL_KINDS.flatMap((kind) => MAIL_LANGUAGES.map((language) => ({ kind, language, ...ctx.waveMail.template(callId, kind, language) }))),
      };
    },
  },
  templateRoute(ctx, "put", (req, { callId, kind, language }) => {
    const t = validate(TemplateSchema, req.body, "body");
    checkTemplate(t, ["body"]);
    ctx.store.mailSettings.setTemplate(callId, { kind, language, ...t }, ctx.now());
  }),
  templateRoute(ctx, "delete", (_req, { callId, kind, language }) => ctx.store.mailSettings.deleteTemplate(callId, kind, language)),
  {
    method: "get",
    path: "/api/waves/:waveId/reminders",
    roles: ADMIN,
    response: RemindersAnswerSchema,
    handle: (req) => {
      const wave = requireWave(ctx, req.params.waveId);
      const schedule = ctx.waveMail.schedule(wave.id);
      return reminderAnswer(wave, schedule);
    },
  },
  {
    method: "put",
    path: "/api/waves/:waveId/reminders",
    roles: ADMIN,
    response: RemindersAnswerSchema,
    handle: (req) => {
      const wave = requireWave(ctx, req.params.waveId);
      const schedule = validate(ScheduleBody, req.body, "body");
      ctx.store.mailSettings.setSchedule(wave.id, schedule);
      return reminderAnswer(wave, schedule);
    },
  },
  {
    method: "put",
    path: "/api/calls/:callId/organisations/:organisationId/language",
    roles: ADMIN,
    response: OrganisationLanguageAnswerSchema,
    handle: (req) => {
      const { callId, organisationId } = validate(OrganisationParams, req.params, "params");
      requireCall(ctx, callId);
      if (!ctx.store.calls.organisation(callId, organisationId)) throw notFound(`organisation "${organisationId}" in call "${callId}"`);
      const { language } = validate(LanguageBody, req.body, "body");
      ctx.store.mailSettings.setLanguage(callId, organisationId, language);
      return { organisation: organisationId, language };
    },
  },
  {
    method: "put",
    path: "/api/my/language",
    roles: RESPONDENT,
    response: MyLanguageAnswerSchema,
    handle: (req, _res, auth) => {
      const a = authOf(auth);
      const { language } = validate(LanguageBody, req.body, "body");
      ctx.store.mailSettings.setLanguage(a.callId!, a.organisationId!, language);
      return { language };
    },
  },
];
