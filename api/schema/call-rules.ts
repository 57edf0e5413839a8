import type { CallDocument, NextPartners, Tie, WaveAsks } from "./call-document.ts";
import { CallDocumentSchema } from "./call-document.ts";
import { interviewRuleProblems } from "./interview-rules.ts";
import { type Parsed, type Problem, formatPath, parseWith } from "./problems.ts";

/**
 * The rules of call-format.md that span several parts of a document: references
 * between organisations, lots, waves and circles, and uniqueness. Shape rules are
 * in the zod schemas; every broken rule becomes one problem with its path.
 */
export function validateCallDocument(input: unknown): Parsed<CallDocument> {
  const parsed = parseWith(CallDocumentSchema, input);
  if (!parsed.ok) return parsed;
  const problems = callDocumentRuleProblems(parsed.value);
  return problems.length ? { ok: false, problems } : parsed;
}

function duplicates<T>(items: T[], key: (t: T) => string, path: (i: number) => string, what: string): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) problems.push({ path: path(i), message: `duplicate ${what} "${k}"` });
    seen.add(k);
  });
  return problems;
}

export function callDocumentRuleProblems(doc: CallDocument): Problem[] {
  const problems: Problem[] = [];
  const p = (...path: PropertyKey[]) => formatPath(path);

  if (doc.call.end < doc.call.start) problems.push({ path: "call.end", message: "must not be before call.start" });
  problems.push(...duplicates(doc.organisations, (o) => o.id, (i) => p("organisations", i, "id"), "organisation id"));
  problems.push(...duplicates(doc.lots, (l) => l.id, (i) => p("lots", i, "id"), "lot id"));
  problems.push(...duplicates(doc.waves, (w) => w.id, (i) => p("waves", i, "id"), "wave id"));
  doc.waves.forEach((w, i) => {
    if (w.closes < w.opens) problems.push({ path: p("waves", i, "closes"), message: "must not be before opens" });
  });

  const organisations = new Set(doc.organisations.map((o) => o.id));
  const lotOf = new Map<string, string>();
  doc.lots.forEach((lot, li) => {
    let coordinators = 0;
    lot.members.forEach((m, mi) => {
      const at = p("lots", li, "members", mi, "organisation");
      if (!organisations.has(m.organisation)) {
        problems.push({ path: at, message: `unknown organisation "${m.organisation}"` });
        return;
      }
      const other = lotOf.get(m.organisation);
      if (other !== undefined) {
        problems.push({ path: at, message: `organisation "${m.organisation}" already sits in lot "${other}"` });
        return;
      }
      lotOf.set(m.organisation, lot.id);
      if (m.role === "coordinator" && ++coordinators > 1) {
        problems.push({ path: p("lots", li, "members", mi, "role"), message: "a lot has at most one coordinator" });
      }
    });
  });

  const activeMember = new Set(
    doc.lots.flatMap((l) => l.members.filter((m) => m.active).map((m) => `${l.id}/${m.organisation}`)),
  );
  const waves = new Map(doc.waves.map((w) => [w.id, w]));
  const lots = new Set(doc.lots.map((l) => l.id));
  const circleKeys = new Set<string>();
  doc.circles.forEach((c, ci) => {
    if (!waves.has(c.wave)) problems.push({ path: p("circles", ci, "wave"), message: `unknown wave "${c.wave}"` });
    if (!lots.has(c.lot)) problems.push({ path: p("circles", ci, "lot"), message: `unknown lot "${c.lot}"` });
    else if (!activeMember.has(`${c.lot}/${c.respondent}`)) {
      problems.push({
        path: p("circles", ci, "respondent"),
        message: `"${c.respondent}" is not an active member of lot "${c.lot}"`,
      });
    }
    const key = `${c.wave}/${c.respondent}`;
    if (circleKeys.has(key)) {
      problems.push({ path: p("circles", ci, "respondent"), message: `a second circle of "${c.respondent}" in wave "${c.wave}"` });
    }
    circleKeys.add(key);
    problems.push(...tieRuleProblems(c.ties, c.respondent, organisations, ["circles", ci, "ties"]));
    problems.push(...answerRuleProblems(c, waves.get(c.wave)?.asks, c.submittedAt !== undefined, c.respondent, organisations, ["circles", ci]));
  });
  problems.push(...interviewRuleProblems(doc));
  return problems;
}

/**
 * The path of a field of the tie at `index`, spelled out only for a problem: every
 * save checks every tie (and a function made per tie would cost more than the check).
 */
const tiePath = (prefix: readonly PropertyKey[], index: number, field: string) => formatPath([...prefix, index, field]);

/** Rules for the ties of one circle; shared by the call document and the respondent's draft. */
export function tieRuleProblems(
  ties: Tie[],
  respondent: string,
  organisations: Pick<ReadonlySet<string>, "has">,
  prefix: PropertyKey[],
): Problem[] {
  const problems: Problem[] = [];
  const partners = new Set<string>();
  ties.forEach((t, ti) => {
    if (t.partner === respondent) problems.push({ path: tiePath(prefix, ti, "partner"), message: "a respondent cannot name itself" });
    else if (!organisations.has(t.partner)) problems.push({ path: tiePath(prefix, ti, "partner"), message: `unknown organisation "${t.partner}"` });
    if (partners.has(t.partner)) problems.push({ path: tiePath(prefix, ti, "partner"), message: `a second tie to "${t.partner}"` });
    partners.add(t.partner);
    t.channels?.forEach((c, i) => {
      if (t.channels!.indexOf(c) !== i) problems.push({ path: formatPath([...prefix, ti, "channels", i]), message: `"${c}" is listed twice` });
    });
  });
  return problems;
}

/**
 * The answers a wave's questions add to a circle: a circle carries only those its
 * wave asks for; in a submitted circle of a wave that asks `desired`, every tie has
 * it; next partners are organisations of the call other than the respondent, none
 * named twice (in either list).
 */
export function answerRuleProblems(
  circle: { ties: Tie[]; nextPartners?: NextPartners | undefined },
  asks: WaveAsks | undefined,
  submitted: boolean,
  respondent: string,
  organisations: Pick<ReadonlySet<string>, "has">,
  prefix: PropertyKey[],
): Problem[] {
  const problems: Problem[] = [];
  const tiesAt = [...prefix, "ties"];
  circle.ties.forEach((t, ti) => {
    if (t.desired !== undefined && !asks?.desired) problems.push({ path: tiePath(tiesAt, ti, "desired"), message: "the wave does not ask for the desired situation" });
    if (t.desired === undefined && asks?.desired && submitted) {
      problems.push({ path: tiePath(tiesAt, ti, "desired"), message: "a submitted circle gives the desired situation of every tie" });
    }
    if (t.channels !== undefined && !asks?.channels) problems.push({ path: tiePath(tiesAt, ti, "channels"), message: "the wave does not ask for channels" });
  });
  const next = circle.nextPartners;
  if (next === undefined) return problems;
  if (!asks?.nextPartners) return [...problems, { path: formatPath([...prefix, "nextPartners"]), message: "the wave does not ask for next partners" }];
  const seen = new Set<string>();
  for (const list of ["with", "without"] as const) {
    next[list].forEach((id, i) => {
      const at = formatPath([...prefix, "nextPartners", list, i]);
      if (id === respondent) problems.push({ path: at, message: "a respondent cannot name itself" });
      else if (!organisations.has(id)) problems.push({ path: at, message: `unknown organisation "${id}"` });
      else if (seen.has(id)) problems.push({ path: at, message: `"${id}" is named twice` });
      seen.add(id);
    });
  }
  return problems;
}
