import { z } from "zod";
import { interviewsCsv } from "../../exports/interview-csv.ts";
import { ExportKeySchema, newExportKey } from "../../exports/pseudonymise.ts";
import { codeCounts, interviewList, saveInterview, type InterviewOwner } from "../../interviews/interviews.ts";
import {
  CodeCountsAnswerSchema,
  FILE_TYPES,
  InterviewAnswerSchema,
  InterviewListAnswerSchema,
  InterviewVersionAnswerSchema,
  SavedInterviewAnswerSchema,
} from "../../schema/answers.ts";
import { IdSchema } from "../../schema/call-document.ts";
import { InterviewBodySchema } from "../../schema/interview-body.ts";
import { notFound } from "../errors.ts";
import { requireActiveMember, requireLot, requireWave } from "../lookups.ts";
import { validate } from "../params.ts";
import { STAFF, authOf, type RouteDef, type RouteModule } from "../routes.ts";

const LotQuery = z.object({ lot: IdSchema.optional() });
const ExportQuery = z.object({
  format: z.enum(["csv"]).default("csv"),
  pseudonymise: z.enum(["true", "false"]).default("false"),
  export: ExportKeySchema.optional(),
});
const VersionParams = z.object({ version: z.coerce.number().int().positive() });

/**
 * Interviews of evaluators with respondents about their circles: staff only, never
 * a respondent. Reading notes is in the access log (they are what one partner says
 * about another); saves are not, each is a version that names who wrote it.
 */
export const interviewRoutes: RouteModule = (ctx) => {
  const base = "/api/interviews/:waveId/:organisationId";
  const owner = (req: Parameters<RouteDef["handle"]>[0]): InterviewOwner => {
    const wave = requireWave(ctx, req.params.waveId);
    const member = requireActiveMember(ctx, wave, req.params.organisationId);
    return { wave, lotId: member.lot, organisationId: member.organisation };
  };
  /** The wave, and the lot the query names (which must be of the wave's call). */
  const waveAndLot = (req: Parameters<RouteDef["handle"]>[0]) => {
    const wave = requireWave(ctx, req.params.waveId);
    const { lot } = validate(LotQuery, req.query, "query");
    if (lot !== undefined && requireLot(ctx, lot, "query.lot").callId !== wave.callId) throw notFound(`lot "${lot}" in the call of wave "${wave.id}"`);
    return { wave, lot };
  };
  return [
    {
      method: "get",
      path: base,
      roles: STAFF,
      audit: { kind: "interview" },
      response: InterviewAnswerSchema,
      handle: (req) => {
        const o = owner(req);
        return {
          current: ctx.store.interviews.latest(o.wave.id, o.organisationId) ?? null,
          versions: ctx.store.interviews.versions(o.wave.id, o.organisationId),
        };
      },
    },
    {
      method: "get",
      path: `${base}/versions/:version`,
      roles: STAFF,
      audit: { kind: "interview" },
      response: InterviewVersionAnswerSchema,
      handle: (req) => {
        const o = owner(req);
        const { version } = validate(VersionParams, { version: req.params.version }, "params");
        const interview = ctx.store.interviews.version(o.wave.id, o.organisationId, version);
        if (!interview) throw notFound(`version ${version} of the interview with "${o.organisationId}" in wave "${o.wave.id}"`);
        return { interview };
      },
    },
    {
      method: "put",
      path: base,
      roles: STAFF,
      response: SavedInterviewAnswerSchema,
      handle: (req, _res, auth) => {
        const o = owner(req);
        const body = validate(InterviewBodySchema, req.body, "body");
        return { saved: saveInterview(ctx.store, o, body, authOf(auth), ctx.now()) };
      },
    },
    {
      method: "get",
      path: "/api/waves/:waveId/interviews",
      roles: STAFF,
      response: InterviewListAnswerSchema,
      handle: (req) => {
        const { wave, lot } = waveAndLot(req);
        return interviewList(ctx.store, wave, lot);
      },
    },
    {
      method: "get",
      path: "/api/waves/:waveId/interviews/codes",
      roles: STAFF,
      response: CodeCountsAnswerSchema,
      handle: (req) => {
        const { wave, lot } = waveAndLot(req);
        return codeCounts(ctx.store, wave, lot);
      },
    },
    {
      method: "get",
      path: "/api/waves/:waveId/interviews/export",
      roles: STAFF,
      // With names and notes it is a confidential read; pseudonymised it holds statuses and codes only.
      audit: { kind: "interview", when: (req) => req.query.pseudonymise !== "true" },
      response: { file: FILE_TYPES.csv },
      handle: (req, res) => {
        const wave = requireWave(ctx, req.params.waveId);
        const q = validate(ExportQuery, req.query, "query");
        const pseudonymise = q.pseudonymise === "true" ? { exportKey: q.export ?? newExportKey() } : undefined;
        res.attachment(pseudonymise ? "interviews-pseudonymised.csv" : `interviews_${wave.id}.csv`);
        res.type("text/csv");
        res.send(interviewsCsv(ctx.store, wave, pseudonymise));
        return undefined;
      },
    },
  ];
};
