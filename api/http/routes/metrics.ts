import { z } from "zod";
import { LayerSchema, MissingModeSchema } from "../../analysis/metrics-schema.ts";
import { COMPARISON_COLUMNS, comparisonRows } from "../../exports/comparison-table.ts";
import { ExportKeySchema, codesOf, newExportKey, waveCodeOf } from "../../exports/pseudonymise.ts";
import { workbook } from "../../exports/spreadsheet.ts";
import { IdSchema } from "../../schema/call-document.ts";
import { RuleError } from "../../schema/problems.ts";
import { lotBrief, waveBrief } from "../../store/call-store.ts";
import { CachedAnswers } from "../cached-answer.ts";
import { validate } from "../params.ts";
import { STAFF, type RouteModule } from "../routes.ts";
import { callView, chosenWave, lotView, requireLot } from "../lookups.ts";
import { ChangeAnswerSchema, ComparisonAnswerSchema, FILE_TYPES, LotMetricsAnswerSchema, XLSX_TYPE } from "../../schema/answers.ts";

const FiguresQuery = z.object({
  wave: IdSchema.optional(),
  layer: LayerSchema.default("all"),
  missing: MissingModeSchema.default("observed"),
});
const ComparisonExportQuery = FiguresQuery.extend({
  format: z.enum(["xlsx"]),
  pseudonymise: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  export: ExportKeySchema.optional(),
});
const ChangeQuery = z.object({ from: IdSchema, to: IdSchema, layer: LayerSchema.default("all"), missing: MissingModeSchema.default("observed") });

/**
 * The figures of docs/metrics.md for evaluators: one lot, all lots side by side, and
 * change between waves. Figures of a lot and of the comparison are served as
 * bytes kept with their ETag until the figures or the names in them change.
 */
export const metricsRoutes: RouteModule = (ctx) => {
  const answers = new CachedAnswers();
  return [
    {
      method: "get",
      path: "/api/lots/:lotId/metrics",
      roles: STAFF,
      response: LotMetricsAnswerSchema,
      uncompressed: true,
      direct: true,
      handle: (req, res) => {
        const { lot, q, wave } = lotView(ctx, req, FiguresQuery);
        const figures = ctx.metrics.lot(lot.id, wave.id, q.layer, q.missing);
        answers.send(req, res, `lot\u0000${lot.id}\u0000${wave.id}\u0000${q.layer}\u0000${q.missing}`, [figures, lot.number, lot.name, wave.name], () => ({
          lot: lotBrief(lot),
          wave: waveBrief(wave),
          layer: q.layer,
          missing: q.missing,
          ...figures,
        }));
      },
    },
    {
      method: "get",
      path: "/api/calls/:callId/comparison",
      roles: STAFF,
      response: ComparisonAnswerSchema,
      uncompressed: true,
      direct: true,
      handle: (req, res) => {
        const { call, q, wave } = callView(ctx, req, FiguresQuery);
        const lots = ctx.store.calls.lots(call.id).map((lot) => ({ lot, figures: ctx.metrics.lot(lot.id, wave.id, q.layer, q.missing) }));
        const from = [call.name, wave.name, ...lots.flatMap(({ lot, figures }) => [lot.id, lot.number, lot.name, figures])];
        answers.send(req, res, `comparison\u0000${call.id}\u0000${wave.id}\u0000${q.layer}\u0000${q.missing}`, from, () => ({
          call: { id: call.id, name: call.name },
          wave: waveBrief(wave),
          layer: q.layer,
          missing: q.missing,
          lots: lots.map(({ lot, figures: { network, coordinator, desired, channels } }) => ({ lot: lotBrief(lot), network, coordinator, desired, channels })),
        }));
      },
    },
    {
      method: "get",
      path: "/api/calls/:callId/comparison/export",
      roles: STAFF,
      response: { file: FILE_TYPES.workbook },
      handle: async (req, res) => {
        const { call, q, wave } = callView(ctx, req, ComparisonExportQuery);
        const stored = ctx.store.calls.lots(call.id);
        const lots = stored.map((lot) => ({ lot: lotBrief(lot), figures: ctx.metrics.lot(lot.id, wave.id, q.layer, q.missing) }));
        const codes = q.pseudonymise
          ? codesOf(ctx.store.calls.organisations(call.id).map((o) => o.id), stored.map((l) => l.id), q.export ?? newExportKey())
          : undefined;
        const body = await workbook([{ sheet: "comparison", columns: COMPARISON_COLUMNS, rows: comparisonRows(lots, codes) }]);
        const name = q.pseudonymise ? `CALL_${waveCodeOf(ctx.store.calls.waves(call.id), wave.id)}` : `${call.id}_${wave.id}`;
        res.attachment(`${name}_${q.layer}_${q.missing}_comparison.xlsx`);
        res.type(XLSX_TYPE);
        res.send(body);
        return undefined;
      },
    },
    {
      method: "get",
      path: "/api/lots/:lotId/change",
      roles: STAFF,
      response: ChangeAnswerSchema,
      handle: (req) => {
        const lot = requireLot(ctx, req.params.lotId);
        const q = validate(ChangeQuery, req.query, "query");
        const from = chosenWave(ctx, lot.callId, q.from);
        const to = chosenWave(ctx, lot.callId, q.to);
        // Change reads forwards in time; the other way round every sign would mislead.
        if (from.opens > to.opens) {
          throw new RuleError("change runs from an earlier wave to a later one", [{ path: "query.from", message: `"${from.id}" opens after "${to.id}"` }]);
        }
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
};
