import { z } from "zod";
import { IdSchema } from "../schema/call-document.ts";
import { HistorySchema, LotFiguresSchema } from "./composition-schema.ts";

/**
 * `POST /api/composition/suggest` (docs/metrics.md, "Composition suggestions"): split
 * organisations into lots that maximise a weighted score, under hard constraints.
 * Field names are fixed by the specification; `history` is this product's way of
 * naming the waves elsewhere and is accepted as an alternative to `waves`.
 */

const Pair = z.tuple([IdSchema, IdSchema]);
const Weight = z.number().min(-100).max(100);

export const DEFAULT_TIME_LIMIT_SECONDS = 5;
export const MAX_SUGGESTED_ORGANISATIONS = 300;

export const SuggestRequestSchema = z
  .strictObject({
    organisations: z.array(IdSchema).min(1).max(MAX_SUGGESTED_ORGANISATIONS),
    lots: z.number().int().min(1).max(100),
    minSize: z.number().int().min(1).default(1),
    maxSize: z.number().int().min(1).optional(),
    coordinators: z.array(IdSchema).max(100).default([]),
    together: z.array(Pair).max(1000).default([]),
    apart: z.array(Pair).max(1000).default([]),
    noNewcomers: z.boolean().default(false),
    weights: z
      .strictObject({ priorTies: Weight.default(1), preferences: Weight.default(1), sectorMix: Weight.default(0) })
      .default({ priorTies: 1, preferences: 1, sectorMix: 0 }),
    waves: HistorySchema.default("all"),
    count: z.number().int().min(1).max(10).default(3),
    timeLimitSeconds: z.number().min(0.1).max(60).default(DEFAULT_TIME_LIMIT_SECONDS),
  })
  .refine((r) => r.maxSize === undefined || r.maxSize >= r.minSize, { path: ["maxSize"], message: "must not be below minSize" });
export type SuggestRequest = z.infer<typeof SuggestRequestSchema>;
export type Weights = SuggestRequest["weights"];

/** The score's three parts, each already multiplied by its weight. */
export const ScorePartsSchema = z.object({ priorTies: z.number(), preferences: z.number(), sectorMix: z.number() });
export type ScoreParts = z.infer<typeof ScorePartsSchema>;

export const SuggestionSchema = z.object({
  score: z.number(),
  parts: ScorePartsSchema,
  /** Proven best among all partitions not suggested before it. */
  optimal: z.boolean(),
  /** An upper limit on the score of any partition not suggested before it; equals `score` when optimal. */
  bound: z.number(),
  /** The composition-check figures of each lot; lot i is coordinated by `coordinators[i]` when given. */
  lots: z.array(LotFiguresSchema),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const SuggestResponseSchema = z.object({
  history: z.object({ waves: z.array(IdSchema), edges: z.number().int() }),
  suggestions: z.array(SuggestionSchema),
  /** Which solver searched, and for how long in all. */
  search: z.object({ solver: z.string(), seconds: z.number() }),
});
export type SuggestResponse = z.infer<typeof SuggestResponseSchema>;
