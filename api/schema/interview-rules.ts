import type { CallDocument, InterviewNote } from "./call-document.ts";
import { type Problem, formatPath } from "./problems.ts";

/** Notes name organisations of the call other than the interviewee, each at most once; shared by the call document and a save. */
export function interviewNoteProblems(
  partners: readonly InterviewNote[],
  interviewee: string,
  organisations: Pick<ReadonlySet<string>, "has">,
  prefix: PropertyKey[],
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  partners.forEach((n, i) => {
    const at = formatPath([...prefix, i, "partner"]);
    if (n.partner === interviewee) problems.push({ path: at, message: "notes about a partner cannot be about the interviewee" });
    else if (!organisations.has(n.partner)) problems.push({ path: at, message: `unknown organisation "${n.partner}"` });
    else if (seen.has(n.partner)) problems.push({ path: at, message: `a second note about "${n.partner}"` });
    seen.add(n.partner);
  });
  return problems;
}

/**
 * The call document's interviews: of a wave of the document, with a member of a lot
 * (an interview stays when its organisation is later marked inactive), one per wave
 * and organisation.
 */
export function interviewRuleProblems(doc: CallDocument): Problem[] {
  const problems: Problem[] = [];
  const organisations = new Set(doc.organisations.map((o) => o.id));
  const waves = new Set(doc.waves.map((w) => w.id));
  const members = new Set(doc.lots.flatMap((l) => l.members.map((m) => m.organisation)));
  const keys = new Set<string>();
  doc.interviews?.forEach((iv, i) => {
    const at = (...path: PropertyKey[]) => formatPath(["interviews", i, ...path]);
    if (!waves.has(iv.wave)) problems.push({ path: at("wave"), message: `unknown wave "${iv.wave}"` });
    if (!members.has(iv.organisation)) problems.push({ path: at("organisation"), message: `"${iv.organisation}" is not a member of a lot` });
    const key = `${iv.wave}/${iv.organisation}`;
    if (keys.has(key)) problems.push({ path: at("organisation"), message: `a second interview with "${iv.organisation}" in wave "${iv.wave}"` });
    keys.add(key);
    problems.push(...interviewNoteProblems(iv.partners, iv.organisation, organisations, ["interviews", i, "partners"]));
  });
  return problems;
}
