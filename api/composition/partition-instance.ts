import type { UndirectedGraph } from "graphology";
import type { Organisation } from "../schema/call-document.ts";
import { type WishBook, preference } from "./next-partner-wishes.ts";
import type { ScoreParts, SuggestRequest, Weights } from "./suggestion-schema.ts";

/** Up to this many organisations the search runs without a time limit: every suggestion is then proven optimal. */
export const ALWAYS_OPTIMAL_UP_TO = 12;

/**
 * A suggestion request turned into numbers: organisations as indices 0..n-1 in id
 * order (so that the order of the request does not change the answer), the hard
 * constraints on indices, and the three terms of every pair's contribution to the
 * score of docs/metrics.md ("Composition suggestions").
 */
export interface PartitionInstance {
  ids: string[];
  lots: number;
  minSize: number;
  maxSize: number;
  /** Indices of the coordinators, in the order of the request: coordinator j leads lot j. */
  coordinators: number[];
  together: Array<[number, number]>;
  apart: Array<[number, number]>;
  noNewcomers: boolean;
  /** H-neighbours of each organisation among the organisations to place. */
  neighbours: number[][];
  weights: Weights;
  /** Per pair i < j (index i * n + j): H(u,v), p(u,v) + p(v,u), and whether the sectors differ. */
  terms: { tied: Uint8Array; preferences: Int8Array; mixed: Uint8Array };
}

export function partitionInstance(
  request: SuggestRequest,
  h: UndirectedGraph,
  organisations: ReadonlyMap<string, Organisation>,
  wishes: WishBook,
): PartitionInstance {
  const ids = [...new Set(request.organisations)].sort();
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const at = (id: string) => index.get(id)!;
  const tied = new Uint8Array(n * n);
  const preferences = new Int8Array(n * n);
  const mixed = new Uint8Array(n * n);
  const neighbours: number[][] = ids.map(() => []);
  // An organisation without a sector is a sector of its own.
  const sector = ids.map((id) => organisations.get(id)?.sector ?? `\u0000${id}`);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const u = ids[i]!;
      const v = ids[j]!;
      const k = i * n + j;
      if (h.hasNode(u) && h.hasNode(v) && h.areNeighbors(u, v)) {
        tied[k] = 1;
        neighbours[i]!.push(j);
        neighbours[j]!.push(i);
      }
      preferences[k] = preference(wishes, u, v) + preference(wishes, v, u);
      mixed[k] = sector[i] === sector[j] ? 0 : 1;
    }
  }
  return {
    ids,
    lots: request.lots,
    minSize: request.minSize,
    maxSize: Math.min(request.maxSize ?? n, n),
    coordinators: request.coordinators.map(at),
    together: request.together.map(([a, b]) => [at(a), at(b)]),
    apart: request.apart.map(([a, b]) => [at(a), at(b)]),
    noNewcomers: request.noNewcomers,
    neighbours,
    weights: request.weights,
    terms: { tied, preferences, mixed },
  };
}

/** A pair's contribution to the score: the weighted sum of its three terms (i < j). */
export function pairWeight(inst: PartitionInstance, i: number, j: number): number {
  const k = i * inst.ids.length + j;
  const w = inst.weights;
  return w.priorTies * inst.terms.tied[k]! + w.preferences * inst.terms.preferences[k]! + w.sectorMix * inst.terms.mixed[k]!;
}

/** The score's parts of a partition (lots as lists of indices), straight from the definition. */
export function scoreParts(inst: PartitionInstance, lots: readonly (readonly number[])[]): ScoreParts {
  const n = inst.ids.length;
  let tied = 0;
  let prefs = 0;
  let mixed = 0;
  for (const lot of lots) {
    const sorted = [...lot].sort((a, b) => a - b);
    sorted.forEach((i, a) => {
      for (const j of sorted.slice(a + 1)) {
        const k = i * n + j;
        tied += inst.terms.tied[k]!;
        prefs += inst.terms.preferences[k]!;
        mixed += inst.terms.mixed[k]!;
      }
    });
  }
  const w = inst.weights;
  return { priorTies: w.priorTies * tied, preferences: w.preferences * prefs, sectorMix: w.sectorMix * mixed };
}

export const totalScore = (p: ScoreParts): number => p.priorTies + p.preferences + p.sectorMix;
