import type { Form } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";

/**
 * The paper circle's geometry, in SVG units around the origin: the respondent in
 * the centre, three 120° sectors (support upper-right, co-creation at the bottom,
 * information upper-left) and four rings with score 4 innermost. Pure functions,
 * so that hit-testing and chip placement can be checked without a browser.
 */

export type Score = 1 | 2 | 3 | 4;
export const SCORES: readonly Score[] = [1, 2, 3, 4];

export const DISC = {
  /** Outer edge of ring 1. */
  radius: 240,
  /** The respondent's own disc in the middle. */
  centre: 46,
  /** Room outside the disc for the sector names. */
  labelBand: 34,
} as const;
export const RING_WIDTH = (DISC.radius - DISC.centre) / SCORES.length;

/** Degrees clockwise from twelve o'clock. */
export const SECTORS: Record<Form, { from: number; to: number }> = {
  support: { from: 0, to: 120 },
  cocreation: { from: 120, to: 240 },
  information: { from: 240, to: 360 },
};

/** Angle kept free on each side of a sector boundary, so chips never touch the dividing lines. */
const BOUNDARY_PAD = 7;
const CHIP_MAX = 19;
const CHIP_GAP = 1.5;

export function ringOf(score: Score): { inner: number; outer: number } {
  const inner = DISC.centre + (SCORES.length - score) * RING_WIDTH;
  return { inner, outer: inner + RING_WIDTH };
}

export function pointAt(degrees: number, r: number): [x: number, y: number] {
  const a = (degrees * Math.PI) / 180;
  return [r * Math.sin(a), -r * Math.cos(a)];
}

export type Spot = { kind: "cell"; form: Form; score: Score } | { kind: "centre" } | { kind: "outside" };

/** What lies under a point: a sector-and-ring cell, the respondent's centre, or nothing. */
export function spotAt(x: number, y: number): Spot {
  const r = Math.hypot(x, y);
  if (r > DISC.radius) return { kind: "outside" };
  if (r < DISC.centre) return { kind: "centre" };
  const degrees = ((Math.atan2(x, -y) * 180) / Math.PI + 360) % 360;
  const form = FORMS.find((f) => degrees >= SECTORS[f].from && degrees < SECTORS[f].to) ?? "information";
  const fromInside = Math.min(SCORES.length - 1, Math.floor((r - DISC.centre) / RING_WIDTH));
  return { kind: "cell", form, score: (SCORES.length - fromInside) as Score };
}

/** The middle of a cell: where a lone chip sits, and where a test aims a drag. */
export function cellCentre(form: Form, score: Score): [x: number, y: number] {
  const { from, to } = SECTORS[form];
  const { inner, outer } = ringOf(score);
  return pointAt((from + to) / 2, (inner + outer) / 2);
}

export interface Placement {
  partner: string;
  form: Form;
  score: Score;
}

export interface PlacedChip extends Placement {
  x: number;
  y: number;
  r: number;
}

/**
 * Positions for every placement. Chips sharing a cell are spread over one to three
 * concentric rows inside it, in the order given, choosing the row count that lets
 * them be largest; the result depends on nothing but the input, and chips in one
 * cell never overlap each other or leave the cell.
 */
export function layoutChips<P extends Placement>(placements: readonly P[]): Array<P & PlacedChip> {
  const cells = new Map<string, P[]>();
  for (const p of placements) {
    const key = `${p.form}:${p.score}`;
    cells.set(key, [...(cells.get(key) ?? []), p]);
  }
  return [...cells.values()].flatMap((chips) => layoutCell(chips));
}

function layoutCell<P extends Placement>(chips: P[]): Array<P & PlacedChip> {
  const { form, score } = chips[0]!;
  const { inner } = ringOf(score);
  const { from, to } = SECTORS[form];
  const span = to - from - 2 * BOUNDARY_PAD;
  const arrangements = [1, 2, 3].map((rows) => {
    const perRow = Math.ceil(chips.length / rows);
    const counts = Array.from({ length: rows }, (_, i) => Math.max(0, Math.min(perRow, chips.length - i * perRow)));
    // Outer rows are longer, so they are filled first; neighbours are half a chord apart.
    const radii = counts.map((_, i) => inner + RING_WIDTH * (1 - (i + 0.5) / rows));
    const radial = RING_WIDTH / (2 * rows) - CHIP_GAP;
    const along = Math.min(
      ...counts.map((n, i) => (n === 0 ? Infinity : radii[i]! * Math.sin((span * Math.PI) / 180 / (2 * n)) - CHIP_GAP)),
    );
    return { counts, radii, r: Math.min(CHIP_MAX, radial, along) };
  });
  const best = arrangements.reduce((a, b) => (b.r > a.r + 1e-9 ? b : a));
  const out: Array<P & PlacedChip> = [];
  let next = 0;
  best.counts.forEach((n, row) => {
    for (let i = 0; i < n; i++) {
      const [x, y] = pointAt(from + BOUNDARY_PAD + (span * (i + 0.5)) / n, best.radii[row]!);
      out.push({ ...chips[next++]!, x, y, r: best.r });
    }
  });
  return out;
}
