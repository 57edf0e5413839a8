import { z } from "zod";
import { validateCallDocument } from "../../schema/call-rules.ts";
import { callWarnings, storedCallWarnings } from "../../calls/call-warnings.ts";
import { waveState } from "../../circles/wave-state.ts";
import { ExportKeySchema, newExportKey, pseudonymiseCallDocument } from "../../exports/pseudonymise.ts";
import { badRequest } from "../errors.ts";
import { requireCall } from "../lookups.ts";
import { validate } from "../params.ts";
import { ADMIN, STAFF, type RouteModule } from "../routes.ts";
import { CallAnswerSchema, CallDocumentAnswerSchema, CallsAnswerSchema, ImportedCallAnswerSchema } from "../../schema/answers.ts";

const ExportQuery = z.object({
  format: z.enum(["json"]).default("json"),
  pseudonymise: z.enum(["true", "false"]).default("false"),
  export: ExportKeySchema.optional(),
});

/** Calls: list, read, import and export the call document. */
export const callRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/calls",
    roles: STAFF,
    response: CallsAnswerSchema,
    handle: () => ({
      calls: ctx.store.calls.calls().map((c) => {
        const submitted = ctx.store.circles.wavesWithSubmissions(c.id);
        return { ...c, waves: ctx.store.calls.waves(c.id).map((w) => ({ id: w.id, name: w.name, state: waveState(w, ctx.now()), submitted: submitted.has(w.id) })) };
      }),
    }),
  },
  {
    method: "post",
    path: "/api/calls/import",
    roles: ADMIN,
    response: ImportedCallAnswerSchema,
    handle: (req, res) => {
      const parsed = validateCallDocument(req.body);
      if (!parsed.ok) throw badRequest(parsed.problems, "the call document breaks a rule; nothing was written");
      ctx.store.importCall(parsed.value, ctx.now());
      res.status(201);
      return { call: ctx.store.calls.call(parsed.value.call.id), warnings: callWarnings(parsed.value) };
    },
  },
  {
    method: "get",
    path: "/api/calls/:callId",
    roles: STAFF,
    response: CallAnswerSchema,
    handle: (req) => {
      const call = requireCall(ctx, req.params.callId);
      const callId = call.id;
      const members = ctx.store.calls.callMembers(callId);
      const submitted = ctx.store.circles.wavesWithSubmissions(callId);
      return {
        call,
        organisations: ctx.store.calls.organisations(callId),
        lots: ctx.store.calls.lots(callId).map((l) => ({
          ...l,
          members: members.filter((m) => m.lot === l.id).map(({ organisation, role, active }) => ({ organisation, role, active })),
        })),
        waves: ctx.store.calls.waves(callId).map((w) => ({ ...w, state: waveState(w, ctx.now()), submitted: submitted.has(w.id) })),
        warnings: storedCallWarnings(ctx.store, callId),
      };
    },
  },
  {
    method: "get",
    path: "/api/calls/:callId/export",
    roles: STAFF,
    // Pseudonymised or not, the document holds every answer: always in the access log.
    audit: { kind: "call-document" },
    response: CallDocumentAnswerSchema,
    handle: (req, res) => {
      const callId = requireCall(ctx, req.params.callId).id;
      const q = validate(ExportQuery, req.query, "query");
      const doc = ctx.store.exportCall(callId)!;
      res.attachment(q.pseudonymise === "true" ? "CALL-pseudonymised.json" : `${callId}.json`);
      return q.pseudonymise === "true" ? pseudonymiseCallDocument(doc, q.export ?? newExportKey()) : doc;
    },
  },
];
