import { auditSize, possibleWeightsByRelease, releaseIsSafe, type GroupStats, type PossibleWeights } from "./disclosure-audit.ts";

/**
 * What a feedback report tells an organisation about its partners' answers, and
 * in how much detail. Every decision here depends only on what the reader knows
 * before reading (the lot's size n, how many other members responded K) and on
 * the banded figures themselves, so what is shown or held back says nothing more
 * about the answers than the bands do; disclosure-audit.ts proves per (n, K),
 * over every possible set of answers, that no partner's tie or score can be
 * worked out, and the report is checked against that proof before it is shown.
 *
 * The figures come from the other respondents' circles only (the reader's own
 * answers are in the report as drawn), as bands:
 * - `ties`: how many of the K(n-2) ties the other respondents could name to each
 *   other (the lot without the reader) they named, as a range; with K ≥ 2.
 * - `meanScore`: their mean score (1-4) rounded to a whole point of the scale,
 *   only when the range of `ties` starts at 2 or more.
 * - `namedBy`: how many of the K named the reader, as a range; with K ≥ 3 (the
 *   aggregate about the reader then comes from at least three partners).
 * - `meanScoreReceived`: the mean score the reader received, rounded to a whole
 *   point, only when the range of `namedBy` starts at 2 or more.
 * Ranges split the possible counts into a few bands of at least two values each,
 * so no band says "nobody" or "everybody".
 */

export interface ReleaseBasis {
  /** Active members of the lot (the reader among them). */
  n: number;
  /** Other members who responded. */
  others: number;
}

/** The answers of the other respondents, reduced to what the figures depend on. */
export interface OthersAnswers {
  /** Their ties to the reader. */
  toReader: GroupStats;
  /** Their ties to the other members. */
  amongOthers: GroupStats;
}

export interface CountBand {
  from: number;
  to: number;
  of: number;
}
/** A mean score rounded to the nearest whole point of the 1-4 scale (halves round up). */
export type ScorePoint = 1 | 2 | 3 | 4;

export const FIGURES = ["ties", "meanScore", "namedBy", "meanScoreReceived"] as const;
export type Figure = (typeof FIGURES)[number];
/**
 * Why a figure is held back: too few other respondents for it at all; too few ties
 * for a mean (it would be one partner's score); or the audit could not show it
 * safe for a lot of this size and response.
 */
export type WithheldReason = "few-respondents" | "few-ties" | "audit";

export interface Release {
  ties: CountBand | null;
  meanScore: ScorePoint | null;
  namedBy: CountBand | null;
  meanScoreReceived: ScorePoint | null;
  withheld: Array<{ figure: Figure; reason: WithheldReason }>;
}

const MIN_OTHERS_FOR_LOT = 2;
const MIN_OTHERS_FOR_RELIANCE = 3;
/** A mean is shown only over a range of ties that starts at least here. */
const MIN_TIES_FOR_MEAN = 2;
const TIE_BANDS = 4;
const NAMED_BY_BANDS = 3;
/** Combinations of answers the audit may visit for one (n, K); above it the figures are held back. */
const AUDIT_BUDGET = 6_000_000;

/** The band of `count` among 0..of: `parts` bands of equal width, each at least two values wide. */
function countBand(count: number, of: number, parts: number): CountBand {
  const width = Math.max(2, Math.ceil((of + 1) / parts));
  let from = Math.floor(count / width) * width;
  if (from === of && from > 0) from -= width; // a last band of one value joins the one below
  return { from, to: from + width >= of ? of : from + width - 1, of };
}

/** The mean sum/count rounded to a whole point (1.5 → 2), in integers. */
function scorePoint({ count, sum }: GroupStats): ScorePoint {
  if (2 * sum < 3 * count) return 1;
  if (2 * sum < 5 * count) return 2;
  if (2 * sum < 7 * count) return 3;
  return 4;
}

/**
 * The two families of figures, each a function of one group of ties only: the lot
 * figures of the ties among the others, the reliance figures of the ties to the
 * reader. The groups share no tie, so the answers consistent with a report are all
 * combinations of answers consistent with each family: auditing each family over
 * its own group is exact for the whole report.
 */
interface Family {
  figures: readonly [Figure, Figure];
  minOthers: number;
  bands: number;
  /** The group of ties the family describes and how many there are. */
  group: (answers: OthersAnswers) => GroupStats;
  size: (basis: ReleaseBasis) => number;
}
const LOT: Family = {
  figures: ["ties", "meanScore"],
  minOthers: MIN_OTHERS_FOR_LOT,
  bands: TIE_BANDS,
  group: (a) => a.amongOthers,
  size: ({ n, others }) => others * Math.max(0, n - 2),
};
const RELIANCE: Family = {
  figures: ["namedBy", "meanScoreReceived"],
  minOthers: MIN_OTHERS_FOR_RELIANCE,
  bands: NAMED_BY_BANDS,
  group: (a) => a.toReader,
  size: ({ others }) => others,
};

/** How much of a family a report gives: both figures, the range without the mean, or nothing. */
type Detail = "full" | "range" | "none";
const DETAILS: Detail[] = ["full", "range", "none"];

interface FamilyRelease {
  band: CountBand | null;
  mean: ScorePoint | null;
  withheld: Array<{ figure: Figure; reason: WithheldReason }>;
}

function releaseFamily(family: Family, basis: ReleaseBasis, stats: GroupStats, detail: Detail): FamilyRelease {
  const [bandFigure, meanFigure] = family.figures;
  const reason: WithheldReason | null = basis.others < family.minOthers ? "few-respondents" : detail === "none" ? "audit" : null;
  if (reason !== null) return { band: null, mean: null, withheld: [{ figure: bandFigure, reason }, { figure: meanFigure, reason }] };
  const band = countBand(stats.count, family.size(basis), family.bands);
  if (band.from < MIN_TIES_FOR_MEAN) return { band, mean: null, withheld: [{ figure: meanFigure, reason: "few-ties" }] };
  if (detail === "range") return { band, mean: null, withheld: [{ figure: meanFigure, reason: "audit" }] };
  return { band, mean: scorePoint(stats), withheld: [] };
}

/** What the reader sees of a family's release, as one string: equal exactly when the reader sees the same. */
const familyKey = (r: FamilyRelease): string =>
  [r.band?.from, r.band?.to, r.mean, ...r.withheld.map((w) => `${w.figure}:${w.reason}`)].join("|");

export interface AuditedFamily {
  detail: Detail;
  ties: number;
  /** Every release possible at that detail, with the weights each of the family's ties can still have. */
  releases: Map<string, PossibleWeights>;
}

const audited = new Map<string, AuditedFamily>();

/**
 * The most detailed release of a family whose every possible outcome keeps every
 * tie it describes hidden, for a lot of this size and response. It depends on n and
 * K only, so choosing it tells the reader nothing. When the audit would take too
 * long (very large lots) the family is held back.
 */
function auditFamily(family: Family, basis: ReleaseBasis): AuditedFamily {
  const ties = family.size(basis);
  const key = `${family.figures[0]}/${basis.n}/${basis.others}`;
  let found = audited.get(key);
  if (found === undefined) {
    const tooLarge = auditSize([ties]) > AUDIT_BUDGET;
    for (const detail of DETAILS) {
      const releases = tooLarge && detail !== "none"
        ? null
        : possibleWeightsByRelease([ties], ([stats]) => familyKey(releaseFamily(family, basis, stats!, detail)));
      if (releases && (detail === "none" || [...releases.values()].every((w) => releaseIsSafe([ties], w)))) {
        found = { detail, ties, releases };
        break;
      }
    }
    audited.set(key, found!);
  }
  return found!;
}

/**
 * One family's figures for these answers at its audited detail, checked once more
 * against the audit's table of every possible release (a guard: the detail was
 * chosen so that every release passes).
 */
function releasedFamily(family: Family, basis: ReleaseBasis, answers: OthersAnswers): FamilyRelease {
  const { detail, ties, releases } = auditFamily(family, basis);
  const shown = releaseFamily(family, basis, family.group(answers), detail);
  const weights = releases.get(familyKey(shown));
  if (weights === undefined || (detail !== "none" && !releaseIsSafe([ties], weights))) {
    throw new Error(`the feedback report's ${family.figures[0]} failed the disclosure audit (n=${basis.n}, K=${basis.others})`);
  }
  return shown;
}

/** The figures a report gives about the other respondents' answers. */
export function releasedFigures(basis: ReleaseBasis, answers: OthersAnswers): Release {
  const lot = releasedFamily(LOT, basis, answers);
  const reliance = releasedFamily(RELIANCE, basis, answers);
  return {
    ties: lot.band,
    meanScore: lot.mean,
    namedBy: reliance.band,
    meanScoreReceived: reliance.mean,
    withheld: [...lot.withheld, ...reliance.withheld],
  };
}
