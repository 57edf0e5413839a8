import type { Request, Response } from "express";
import { z } from "zod";
import { LayerSchema, MissingModeSchema } from "../../analysis/metrics-schema.ts";
import { waveState } from "../../circles/wave-state.ts";
import { callNetwork, lotNetwork, type NetworkGraph } from "../../exports/lot-network.ts";
import { NetworkFormatSchema, networkFile } from "../../exports/network-file.ts";
import { ExportKeySchema, codesOf, newExportKey, pseudonymiseNetwork, waveCodeOf } from "../../exports/pseudonymise.ts";
import { OUTSIDE_RADIUS } from "../../layout/lot-layout.ts";
import { feedbackReport } from "../../reports/feedback-report.ts";
import { IdSchema } from "../../schema/call-document.ts";
import { lotBrief, waveBrief, type StoredWave } from "../../store/call-store.ts";
import { ConflictError } from "../../schema/problems.ts";
import type { Context } from "../context.ts";
import { validate } from "../params.ts";
import { RESPONDENT, STAFF, authOf, type Audit, type RouteDef, type RouteModule } from "../routes.ts";
import { callView, chosenWave, lotView, requireActiveMember, requireCall, requireWave } from "../lookups.ts";
import { callOverview, waveList } from "../../metrics/call-overview.ts";
import { FILE_TYPES, FeedbackReportSchema, GraphAnswerSchema, OverviewAnswerSchema } from "../../schema/answers.ts";

const flag = z.enum(["true", "false"]).default("false").transform((v) => v === "true");
const ViewQuery = z.object({
  wave: IdSchema.optional(),
  layer: LayerSchema.default("all"),
  missing: MissingModeSchema.default("observed"),
  outside: flag,
});
const ExportQuery = ViewQuery.extend({ format: NetworkFormatSchema, pseudonymise: flag, export: ExportKeySchema.optional() });
const WaveQuery = z.object({ wave: IdSchema.optional() });

/** The feedback report of an active member of the wave's call. */
function reportOf(ctx: Context, wave: StoredWave, organisationId: unknown) {
  const member = requireActiveMember(ctx, wave, organisationId);
  return feedbackReport(ctx.store, ctx.metrics, wave.id, member.organisation, ctx.now());
}

/** A network file with names is a confidential read; a pseudonymised one is not. */
const namedExport: Audit = { kind: "network-export", when: (req) => req.query.pseudonymise !== "true" };

/** A network to send as a file: the graph of the chosen view, and the call and wave it belongs to. */
interface NetworkExport {
  callId: string;
  wave: StoredWave;
  q: z.infer<typeof ExportQuery>;
  graph: NetworkGraph;
}

/** A route that answers with a network file in the format and view the query asks for. */
const networkExportRoute = (ctx: Context, path: string, network: (req: Request) => NetworkExport): RouteDef => ({
  method: "get",
  path,
  roles: STAFF,
  audit: namedExport,
  response: { file: FILE_TYPES.network },
  handle: (req, res) => sendNetwork(ctx, res, network(req)),
});

async function sendNetwork(ctx: Context, res: Response, { callId, wave, q, graph }: NetworkExport): Promise<undefined> {
  const pseudonymised = () => {
    const codes = codesOf(
      ctx.store.calls.organisations(callId).map((o) => o.id),
      ctx.store.calls.lots(callId).map((l) => l.id),
      q.export ?? newExportKey(),
    );
    return pseudonymiseNetwork(graph, codes, waveCodeOf(ctx.store.calls.waves(callId), wave.id));
  };
  const file = await networkFile(q.pseudonymise ? pseudonymised() : graph, q.format);
  res.attachment(file.filename);
  res.type(file.type);
  res.send(file.body);
  return undefined;
}

/**
 * The evaluators' workspace: the call overview, a lot's network for drawing, the
 * network files, and the feedback reports (staff for any organisation; a
 * respondent for its own, once the wave has closed).
 */
export const workspaceRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/calls/:callId/overview",
    roles: STAFF,
    response: OverviewAnswerSchema,
    handle: (req) => {
      const call = requireCall(ctx, req.params.callId);
      const asked = validate(WaveQuery, req.query, "query").wave;
      const noWaveYet = asked === undefined && ctx.store.calls.waves(call.id).length === 0;
      return callOverview(ctx.store, ctx.metrics, call, noWaveYet ? null : chosenWave(ctx, call.id, asked), ctx.now());
    },
  },
  {
    method: "get",
    path: "/api/lots/:lotId/graph",
    roles: STAFF,
    // The picture's arcs are the respondents' ties with their scores (and desired scores): each is one answer.
    audit: { kind: "lot-network" },
    response: GraphAnswerSchema,
    handle: (req) => {
      const { lot, q, wave } = lotView(ctx, req, ViewQuery);
      const call = ctx.store.calls.call(lot.callId)!;
      return {
        call: { id: call.id, name: call.name },
        lot: lotBrief(lot),
        wave: waveBrief(wave),
        waves: waveList(ctx.store, lot.callId, ctx.now()),
        layer: q.layer,
        missing: q.missing,
        outside: q.outside,
        // Positions lie within this radius; fixed per view so a layer or wave change moves nothing.
        extent: q.outside ? OUTSIDE_RADIUS : 1,
        graph: lotNetwork(ctx.store, ctx.metrics, lot.id, wave.id, q).export(),
      };
    },
  },
  networkExportRoute(ctx, "/api/lots/:lotId/export", (req) => {
    const { lot, q, wave } = lotView(ctx, req, ExportQuery);
    return { callId: lot.callId, wave, q, graph: lotNetwork(ctx.store, ctx.metrics, lot.id, wave.id, q) };
  }),
  networkExportRoute(ctx, "/api/calls/:callId/export-graph", (req) => {
    const { call, q, wave } = callView(ctx, req, ExportQuery);
    return { callId: call.id, wave, q, graph: callNetwork(ctx.store, ctx.metrics, call.id, wave.id, q) };
  }),
  {
    method: "get",
    path: "/api/reports/:waveId/:organisationId",
    roles: STAFF,
    audit: { kind: "report" },
    response: FeedbackReportSchema,
    handle: (req) => {
      return reportOf(ctx, requireWave(ctx, req.params.waveId), req.params.organisationId);
    },
  },
  {
    method: "get",
    path: "/api/my/report",
    roles: RESPONDENT,
    response: FeedbackReportSchema,
    handle: (_req, _res, auth) => {
      const { waveId, organisationId } = authOf(auth);
      const wave = ctx.store.calls.wave(waveId!)!;
      if (waveState(wave, ctx.now()) !== "closed") {
        throw new ConflictError(`the report of "${wave.name}" is ready once the wave has closed (${wave.closes})`, [], "wave_not_closed");
      }
      return reportOf(ctx, wave, organisationId!);
    },
  },
];
