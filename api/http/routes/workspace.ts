import type { Request, Response } from "express";
import { z } from "zod";
import { LayerSchema, MissingModeSchema } from "../../analysis/metrics-schema.ts";
import { waveState } from "../../circles/wave-state.ts";
import { callNetwork, lotNetwork, type NetworkGraph } from "../../exports/lot-network.ts";
import { NetworkFormatSchema, networkFile } from "../../exports/network-file.ts";
import { codesOf, pseudonymiseNetwork } from "../../exports/pseudonymise.ts";
import { OUTSIDE_RADIUS } from "../../layout/lot-layout.ts";
import { feedbackReport } from "../../reports/feedback-report.ts";
import { IdSchema } from "../../schema/call-document.ts";
import { lotBrief, waveBrief } from "../../store/call-store.ts";
import { ConflictError } from "../../schema/problems.ts";
import type { Context } from "../context.ts";
import { notFound } from "../errors.ts";
import { validate } from "../params.ts";
import { RESPONDENT, STAFF, authOf, type RouteModule } from "../routes.ts";
import { chosenWave, requireCall, requireLot } from "../lookups.ts";

const flag = z.enum(["true", "false"]).default("false").transform((v) => v === "true");
const ViewQuery = z.object({
  wave: IdSchema.optional(),
  layer: LayerSchema.default("all"),
  missing: MissingModeSchema.default("observed"),
  outside: flag,
});
const ExportQuery = ViewQuery.extend({ format: NetworkFormatSchema, pseudonymise: flag });
const WaveQuery = z.object({ wave: IdSchema.optional() });
const ReportParams = z.object({ waveId: IdSchema, organisationId: IdSchema });

/** The call's waves for a wave chooser: dates, state, and whether any circle has been submitted in it. */
function waveList(ctx: Context, callId: string) {
  const submitted = ctx.store.circles.wavesWithSubmissions(callId);
  return ctx.store.calls
    .waves(callId)
    .map((w) => ({ id: w.id, name: w.name, opens: w.opens, closes: w.closes, state: waveState(w, ctx.now()), submitted: submitted.has(w.id) }));
}

/** The feedback report of an active member of the wave's call. */
function reportOf(ctx: Context, waveId: string, organisationId: string) {
  const wave = ctx.store.calls.wave(waveId);
  if (!wave) throw notFound(`wave "${waveId}"`);
  const member = ctx.store.calls.membership(wave.callId, organisationId);
  if (!member?.active) throw notFound(`active member "${organisationId}" in the call of wave "${waveId}"`);
  return feedbackReport(ctx.store, ctx.metrics, waveId, organisationId, ctx.now());
}

/** Answer with a network file in the format and view the query asks for; `build` makes the graph for the chosen wave. */
function sendNetwork(
  ctx: Context,
  req: Request,
  res: Response,
  callId: string,
  build: (waveId: string, view: z.infer<typeof ExportQuery>) => NetworkGraph,
): undefined {
  const q = validate(ExportQuery, req.query, "query");
  const graph = build(chosenWave(ctx, callId, q.wave).id, q);
  const codes = codesOf(
    ctx.store.calls.organisations(callId).map((o) => o.id),
    ctx.store.calls.lots(callId).map((l) => l.id),
  );
  const file = networkFile(q.pseudonymise ? pseudonymiseNetwork(graph, codes) : graph, q.format);
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
    handle: (req) => {
      const call = requireCall(ctx, validate(IdSchema, String(req.params.callId), "params"));
      const asked = validate(WaveQuery, req.query, "query").wave;
      // A call started from a composition has lots but no wave yet: nothing to show but the call.
      if (asked === undefined && ctx.store.calls.waves(call.id).length === 0) {
        return { call: { id: call.id, name: call.name, start: call.start, end: call.end }, wave: null, waves: [], lots: [] };
      }
      const wave = chosenWave(ctx, call.id, asked);
      const organisations = new Map(ctx.store.calls.organisations(call.id).map((o) => [o.id, o]));
      return {
        call: { id: call.id, name: call.name, start: call.start, end: call.end },
        wave: { id: wave.id, name: wave.name, state: waveState(wave, ctx.now()) },
        waves: waveList(ctx, call.id),
        lots: ctx.store.calls.lots(call.id).map((lot) => {
          const { network, coordinator } = ctx.metrics.lot(lot.id, wave.id, "all", "observed");
          return {
            id: lot.id,
            number: lot.number,
            name: lot.name,
            figures: {
              n: network.n,
              respondents: network.respondents,
              responseRate: network.responseRate,
              density: network.density,
              reciprocity: network.reciprocity,
            },
            coordinator:
              coordinator === null
                ? null
                : { id: coordinator.id, name: organisations.get(coordinator.id)!.name, dominanceIndex: coordinator.dominanceIndex },
          };
        }),
      };
    },
  },
  {
    method: "get",
    path: "/api/lots/:lotId/graph",
    roles: STAFF,
    handle: (req) => {
      const lot = requireLot(ctx, String(req.params.lotId));
      const q = validate(ViewQuery, req.query, "query");
      const wave = chosenWave(ctx, lot.callId, q.wave);
      const call = ctx.store.calls.call(lot.callId)!;
      return {
        call: { id: call.id, name: call.name },
        lot: lotBrief(lot),
        wave: waveBrief(wave),
        waves: waveList(ctx, lot.callId),
        layer: q.layer,
        missing: q.missing,
        outside: q.outside,
        // Positions lie within this radius; fixed per view so a layer or wave change moves nothing.
        extent: q.outside ? OUTSIDE_RADIUS : 1,
        graph: lotNetwork(ctx.store, ctx.metrics, lot.id, wave.id, q).export(),
      };
    },
  },
  {
    method: "get",
    path: "/api/lots/:lotId/export",
    roles: STAFF,
    handle: (req, res) => {
      const lot = requireLot(ctx, String(req.params.lotId));
      return sendNetwork(ctx, req, res, lot.callId, (wave, view) => lotNetwork(ctx.store, ctx.metrics, lot.id, wave, view));
    },
  },
  {
    method: "get",
    path: "/api/calls/:callId/export-graph",
    roles: STAFF,
    handle: (req, res) => {
      const call = requireCall(ctx, validate(IdSchema, String(req.params.callId), "params"));
      return sendNetwork(ctx, req, res, call.id, (wave, view) => callNetwork(ctx.store, ctx.metrics, call.id, wave, view));
    },
  },
  {
    method: "get",
    path: "/api/reports/:waveId/:organisationId",
    roles: STAFF,
    handle: (req) => {
      const { waveId, organisationId } = validate(ReportParams, req.params, "params");
      return reportOf(ctx, waveId, organisationId);
    },
  },
  {
    method: "get",
    path: "/api/my/report",
    roles: RESPONDENT,
    handle: (_req, _res, auth) => {
      const { waveId, organisationId } = authOf(auth);
      const wave = ctx.store.calls.wave(waveId!)!;
      if (waveState(wave, ctx.now()) !== "closed") {
        throw new ConflictError(`the report of "${wave.name}" is ready once the wave has closed (${wave.closes})`, [], "wave_not_closed");
      }
      return reportOf(ctx, waveId!, organisationId!);
    },
  },
];
