import { z } from "zod";
import { ChannelSchema, FormSchema } from "../schema/call-document.ts";
import { FORMS } from "../schema/forms.ts";

/**
 * The shapes of every figure the analysis reports (docs/metrics.md). The HTTP layer
 * answers with these and the browser reads them; the TypeScript types are derived
 * from the schemas so the two cannot drift apart.
 */

export const LayerSchema = z.enum(["all", ...FORMS]);
export type Layer = z.infer<typeof LayerSchema>;

export const MissingModeSchema = z.enum(["observed", "reconstruct"]);
export type MissingMode = z.infer<typeof MissingModeSchema>;

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);
const score = z.number().min(1).max(4);

export const FormFiguresSchema = z.object({
  share: share.nullable(),
  meanContribution: score.nullable(),
});

export const NetworkFiguresSchema = z.object({
  n: count,
  m: count,
  respondents: count,
  responseRate: share.nullable(),
  density: share.nullable(),
  observedDensity: share.nullable(),
  reciprocity: share.nullable(),
  meanContribution: score.nullable(),
  components: count,
  degreeCentralization: share.nullable(),
  forms: z.record(FormSchema, FormFiguresSchema),
  depth: z.record(FormSchema, share.nullable()),
});
export type NetworkFigures = z.infer<typeof NetworkFiguresSchema>;

export const NodeFiguresSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(["coordinator", "partner"]),
  responded: z.boolean(),
  inDegree: count,
  outDegree: count,
  inStrength: z.number().min(0),
  outStrength: z.number().min(0),
  betweenness: share,
  closeness: share,
  pagerank: share,
  constraint: z.number().min(0).nullable(),
  effectiveSize: z.number().min(0).nullable(),
  // null for a node without a circle: it said nothing, which is not the same as naming nobody.
  crossings: count.nullable(),
  /** Null when the wave does not ask for the desired situation. */
  desiredInStrength: z.number().min(0).nullable(),
});
export type NodeFigures = z.infer<typeof NodeFiguresSchema>;

export const CoordinatorFiguresSchema = z.object({
  id: z.string(),
  inStrengthShare: share.nullable(),
  dominanceIndex: z.number().max(1).nullable(),
  rank: z.number().int().min(1),
  top: z.boolean(),
  dependency: share.nullable(),
  /** As inStrengthShare and dominanceIndex, on desiredInStrength; null when the wave does not ask for it. */
  desiredInStrengthShare: share.nullable(),
  desiredDominanceIndex: z.number().max(1).nullable(),
});
export type CoordinatorFigures = z.infer<typeof CoordinatorFiguresSchema>;

export const AgreementSchema = z.object({
  pairs: count,
  meanAbsDifference: z.number().min(0).max(3).nullable(),
  meanFormJaccard: share.nullable(),
  oneSided: count,
});
export type Agreement = z.infer<typeof AgreementSchema>;

/** The desired situation (docs/metrics.md); null when the wave does not ask for it. */
export const DesiredFiguresSchema = z.object({
  m: count,
  density: share.nullable(),
  meanContribution: score.nullable(),
  gap: z.object({
    deepen: count,
    loosen: count,
    same: count,
    wished: count,
    dropped: count,
    meanDelta: z.number().min(-4).max(4).nullable(),
  }),
});
export type DesiredFigures = z.infer<typeof DesiredFiguresSchema>;

/** How collaborations are organised (docs/metrics.md); null when the wave does not ask for it. */
export const ChannelFiguresSchema = z.object({
  answered: count,
  share: z.record(ChannelSchema, share.nullable()),
  formalShare: share.nullable(),
  informalOnlyShare: share.nullable(),
});
export type ChannelFigures = z.infer<typeof ChannelFiguresSchema>;

export const LotMetricsSchema = z.object({
  network: NetworkFiguresSchema,
  nodes: z.array(NodeFiguresSchema),
  coordinator: CoordinatorFiguresSchema.nullable(),
  agreement: AgreementSchema,
  desired: DesiredFiguresSchema.nullable(),
  channels: ChannelFiguresSchema.nullable(),
});
export type LotMetrics = z.infer<typeof LotMetricsSchema>;

export const ArcRefSchema = z.object({ from: z.string(), to: z.string() });
export type ArcRef = z.infer<typeof ArcRefSchema>;

const difference = z.number().nullable();

/** b - a of every network figure; null where either side is null. Counts never are. */
export const NetworkDeltaSchema = z.object({
  n: z.number().int(),
  m: z.number().int(),
  respondents: z.number().int(),
  responseRate: difference,
  density: difference,
  observedDensity: difference,
  reciprocity: difference,
  meanContribution: difference,
  components: z.number().int(),
  degreeCentralization: difference,
  forms: z.record(FormSchema, z.object({ share: difference, meanContribution: difference })),
  depth: z.record(FormSchema, difference),
});
export type NetworkDelta = z.infer<typeof NetworkDeltaSchema>;

const WaveRefSchema = z.object({ id: z.string(), name: z.string() });

export const WaveChangeSchema = z.object({
  lot: z.string(),
  waves: z.object({ a: WaveRefSchema, b: WaveRefSchema }),
  arcJaccard: share.nullable(),
  added: z.array(ArcRefSchema),
  dropped: z.array(ArcRefSchema),
  delta: NetworkDeltaSchema,
});
export type WaveChange = z.infer<typeof WaveChangeSchema>;
