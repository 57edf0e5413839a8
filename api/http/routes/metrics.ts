import { z } from "zod";
import { LayerSchema, MissingModeSchema } from "../../analysis/metrics-schema.ts";
import { IdSchema } from "../../schema/call-document.ts";
import { lotBrief, waveBrief } from "../../store/call-store.ts";
import { validate } from "../params.ts";
import { STAFF, type RouteModule } from "../routes.ts";
import { chosenWave, requireCall, requireLot } from "../lookups.ts";

const FiguresQuery = z.object({
  wave: IdSchema.optional(),
  layer: LayerSchema.default("all"),
  missing: MissingModeSchema.default("observed"),
});
const ChangeQuery = z.object({ from: IdSchema, to: IdSchema, layer: LayerSchema.default("all"), missing: MissingModeSchema.default("observed") });

/** The figures of metrics.md for evaluators: one lot, all lots side by side, and change between waves. */
export const metricsRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/lots/:lotId/metrics",
    roles: STAFF,
    handle: (req) => {
      const lot = requireLot(ctx, String(req.params.lotId));
      const q = validate(FiguresQuery, req.query, "query");
      const wave = chosenWave(ctx, lot.callId, q.wave);
      return {
        lot: lotBrief(lot),
        wave: waveBrief(wave),
        layer: q.layer,
        missing: q.missing,
        ...ctx.metrics.lot(lot.id, wave.id, q.layer, q.missing),
      };
    },
  },
  {
    method: "get",
    path: "/api/calls/:callId/comparison",
    roles: STAFF,
    handle: (req) => {
      const call = requireCall(ctx, validate(IdSchema, String(req.params.callId), "params"));
      const q = validate(FiguresQuery, req.query, "query");
      const wave = chosenWave(ctx, call.id, q.wave);
      return {
        call: { id: call.id, name: call.name },
        wave: waveBrief(wave),
        layer: q.layer,
        missing: q.missing,
        lots: ctx.store.calls.lots(call.id).map((lot) => {
          const { network, coordinator } = ctx.metrics.lot(lot.id, wave.id, q.layer, q.missing);
          return { lot: lotBrief(lot), network, coordinator };
        }),
      };
    },
  },
  {
    method: "get",
    path: "/api/lots/:lotId/change",
    roles: STAFF,
    handle: (req) => {
      const lot = requireLot(ctx, String(req.params.lotId));
      const q = validate(ChangeQuery, req.query, "query");
      const from = chosenWave(ctx, lot.callId, q.from);
      const to = chosenWave(ctx, lot.callId, q.to);
      return {
        lot: lotBrief(lot),
        from: waveBrief(from),
        to: waveBrief(to),
        layer: q.layer,
        missing: q.missing,
        change: ctx.metrics.change(lot.id, from.id, to.id, q.layer, q.missing),
      };
    },
  },
];
