/**
 * How a pair compared in the desired situation would change, from its current weight
 * c to its desired weight d (docs/metrics.md, "Desired situation"): `wished` (c = 0 < d) and
 * `dropped` (d = 0 < c) are the pairs that would start or end, `deepen` and `loosen` the
 * others with d > c and d < c. Free of zod, so that browser pages can import the list.
 */
export const DESIRED_CHANGES = ["deepen", "wished", "same", "loosen", "dropped"] as const;
export type DesiredChange = (typeof DESIRED_CHANGES)[number];

/** The change of a compared pair from its current weight c to its desired weight d. */
export function desiredChange(c: number, d: number): DesiredChange {
  if (c === 0 && d > 0) return "wished";
  if (d === 0 && c > 0) return "dropped";
  return d > c ? "deepen" : d < c ? "loosen" : "same";
}
