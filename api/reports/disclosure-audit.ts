/**
 * Disclosure audit: can a reader work out a partner's answer from what a report
 * releases?
 *
 * Attacker model. The reader is a member of the lot reading its own feedback
 * report after the wave closed. It knows the lot's membership and roles, its own
 * circle, the release rule (this code is public), everything the report shows and
 * everything it holds back. We also grant it who of the other members responded
 * (more than the report says), so the audit holds against a stronger attacker.
 * What it must not learn is any other respondent's answer: for each tie u → v that
 * another respondent u could have reported within the lot, whether it exists and
 * its score (1-4; the highest score among its forms, which is all the released
 * figures depend on). A world is one assignment of a weight 0-4 (0: no tie) to
 * each of those ties; the worlds consistent with a report are those in which the
 * rule releases exactly what the reader sees.
 *
 * Safe means: for every unknown tie, the consistent worlds include one where it
 * is absent and ones where it is present with at least two different scores.
 *
 * Method (exact). The ties are split into groups whose members the released
 * figures treat alike (e.g. "ties into the reader", "ties among the others"); a
 * release is then a function of each group's count of ties and sum of weights.
 * For a group of k ties, the achievable (count c, sum s) are exactly
 * 0 ≤ c ≤ k, c ≤ s ≤ 4c; with one tie fixed to weight v the rest is a group of
 * k-1. Enumerating every combination of group statistics therefore visits every
 * distinct release exactly, and for each release tells which weights each tie can
 * still have. Ties within a group are interchangeable, so one representative per
 * group answers for all of them.
 */

export interface GroupStats {
  /** Ties present (weight ≥ 1). */
  count: number;
  /** Sum of their weights. */
  sum: number;
}

/** For one release: per group, a bit mask of the weights (bit v for weight v, 0-4) one of its ties can have. */
export type PossibleWeights = number[];

/** Every (count, sum) k ties with weights 0-4 can have. */
function statsOf(k: number): GroupStats[] {
  const all: GroupStats[] = [];
  for (let count = 0; count <= k; count++) for (let sum = count; sum <= 4 * count; sum++) all.push({ count, sum });
  return all;
}

/** Weights one tie of a group of k can have when the group's statistics are (count, sum). */
function weightsOfOneTie(k: number, { count, sum }: GroupStats): number {
  let mask = count <= k - 1 ? 1 : 0; // absent: the other k-1 carry everything
  const rest = count - 1;
  for (let v = 1; v <= 4; v++) if (rest >= 0 && rest <= k - 1 && sum - v >= rest && sum - v <= 4 * rest) mask |= 1 << v;
  return mask;
}

/** How many combinations of group statistics an audit of these group sizes visits. */
export function auditSize(groupSizes: readonly number[]): number {
  return groupSizes.reduce((n, k) => n * (k + 1) * (3 * k + 2) / 2, 1);
}

/**
 * Every release `release` can produce over all worlds of ties in groups of the
 * given sizes, keyed by the release (a string that compares equal exactly when the
 * reader would see the same thing), each with the weights a tie of every group can
 * have in the worlds that produce it.
 */
export function possibleWeightsByRelease(
  groupSizes: readonly number[],
  release: (stats: readonly GroupStats[]) => string,
): Map<string, PossibleWeights> {
  const options = groupSizes.map(statsOf);
  const out = new Map<string, PossibleWeights>();
  const chosen: GroupStats[] = [];
  const visit = (g: number): void => {
    if (g === groupSizes.length) {
      const key = release(chosen);
      const masks = out.get(key) ?? groupSizes.map(() => 0);
      groupSizes.forEach((k, i) => (masks[i]! |= weightsOfOneTie(k, chosen[i]!)));
      out.set(key, masks);
      return;
    }
    for (const s of options[g]!) {
      chosen[g] = s;
      visit(g + 1);
    }
  };
  visit(0);
  return out;
}

const ABSENT = 1;
const popcount = (mask: number) => [1, 2, 3, 4].filter((v) => mask & (1 << v)).length;

/** A tie stays hidden: it may be absent, and present with at least two scores. */
export const hidden = (mask: number): boolean => (mask & ABSENT) !== 0 && popcount(mask) >= 2;

/** Whether every tie of every non-empty group stays hidden under this release. */
export function releaseIsSafe(groupSizes: readonly number[], weights: PossibleWeights): boolean {
  return groupSizes.every((k, g) => k === 0 || hidden(weights[g]!));
}
