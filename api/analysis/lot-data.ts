import type { Tie, WaveAsks } from "../schema/call-document.ts";

/**
 * Everything the analysis needs about one lot in one wave, as the store hands it
 * over. Analysis modules take this (or a graph built from it) and know nothing of
 * SQL or HTTP.
 */
export interface LotData {
  lot: { id: string; number: number; name: string };
  wave: { id: string; name: string };
  /** The questions the wave adds to the circle; figures of a question it does not ask are null. */
  asks?: WaveAsks;
  /** Every member of the lot, active or not; only active members become nodes. */
  members: Array<{
    id: string;
    name: string;
    initials: string;
    role: "coordinator" | "partner";
    active: boolean;
    size?: "small" | "large";
    sector?: string;
  }>;
  /** The latest submitted circle of each member that submitted in this wave (drafts never count). */
  circles: Array<{ respondent: string; ties: Tie[] }>;
}
