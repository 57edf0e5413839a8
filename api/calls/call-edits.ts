import { z } from "zod";
import {
  IdSchema,
  LotSchema,
  OrganisationSchema,
  type CallDocument,
  type Lot,
  type Organisation,
  type Wave,
  type WaveAsks,
} from "../schema/call-document.ts";
import { callDocumentRuleProblems } from "../schema/call-rules.ts";
import { ConflictError, RuleError, formatPath, type Problem } from "../schema/problems.ts";

/**
 * Changes an administrator makes to a call after its import. Each is applied to the
 * call document as it stands and the result must pass the import's rules
 * (call-format.md), so a call edited by hand always exports as a valid document.
 * On top of that, a change may not take a respondent away from the lot its circles
 * belong to: that would orphan circles already given (drafts included, because the
 * export carries them and the import would then refuse the document).
 */

const org = OrganisationSchema.shape;
const lot = LotSchema.shape;

/** A new organisation, optionally placed straight into a lot as an active partner. */
export const NewOrganisationSchema = OrganisationSchema.extend({ lot: IdSchema.nullable().optional() });

/** Fields of an organisation that may change; `null` clears an optional one. Its id never changes. */
export const OrganisationChangesSchema = z.strictObject({
  name: org.name.optional(),
  initials: org.initials.unwrap().nullable().optional(),
  sector: org.sector.unwrap().nullable().optional(),
  size: org.size.unwrap().nullable().optional(),
  kind: org.kind.unwrap().optional(),
});
export type OrganisationChanges = z.infer<typeof OrganisationChangesSchema>;

/** A new lot starts without members; organisations are added or moved into it afterwards. */
export const NewLotSchema = LotSchema.omit({ members: true });
export type NewLot = z.infer<typeof NewLotSchema>;

export const LotChangesSchema = z.strictObject({
  number: lot.number.optional(),
  name: lot.name.optional(),
  jointCommittees: lot.jointCommittees.unwrap().nullable().optional(),
});
export type LotChanges = z.infer<typeof LotChangesSchema>;

export type CallEdit =
  | { kind: "add-organisation"; organisation: Organisation; lot: string | null }
  | { kind: "change-organisation"; organisation: string; changes: OrganisationChanges }
  | { kind: "add-lot"; lot: NewLot }
  | { kind: "change-lot"; lot: string; changes: LotChanges }
  /** Into another lot (as a partner, keeping `active`), or out of every lot with `lot: null`. */
  | { kind: "move"; organisation: string; lot: string | null }
  /** The lot's one coordinator; the previous one becomes a partner. `null` leaves the lot without one. */
  | { kind: "set-coordinator"; lot: string; organisation: string | null }
  | { kind: "set-active"; organisation: string; active: boolean }
  | { kind: "add-wave"; wave: Wave }
  /** The questions a wave adds to the circle (call-format.md, "Questions a wave may add"). */
  | { kind: "set-wave-asks"; wave: string; asks: WaveAsks };

/** Which call, if any, already uses a lot or wave id: those ids are unique across the service. */
export interface IdsInUse {
  lot: (id: string) => string | undefined;
  wave: (id: string) => string | undefined;
}

/** Drop the keys whose value is null (a cleared optional field) or undefined. */
function present<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

const lotOf = (doc: CallDocument, organisation: string) =>
  doc.lots.find((l) => l.members.some((m) => m.organisation === organisation));

function membersWithout(doc: CallDocument, organisation: string): Lot[] {
  return doc.lots.map((l) => ({ ...l, members: l.members.filter((m) => m.organisation !== organisation) }));
}

/** The document after the change; references are assumed to exist (see `checkedEdit`). */
export function applyEdit(doc: CallDocument, edit: CallEdit): CallDocument {
  switch (edit.kind) {
    case "add-organisation": {
      const lots = edit.lot === null
        ? doc.lots
        : doc.lots.map((l) => l.id === edit.lot
          ? { ...l, members: [...l.members, { organisation: edit.organisation.id, role: "partner" as const, active: true }] }
          : l);
      return { ...doc, organisations: [...doc.organisations, edit.organisation], lots };
    }
    case "change-organisation":
      return {
        ...doc,
        organisations: doc.organisations.map((o) => o.id === edit.organisation ? present({ ...o, ...edit.changes }) as Organisation : o),
      };
    case "add-lot":
      return { ...doc, lots: [...doc.lots, { ...edit.lot, members: [] }] };
    case "change-lot":
      return { ...doc, lots: doc.lots.map((l) => l.id === edit.lot ? present({ ...l, ...edit.changes }) as Lot : l) };
    case "move": {
      if (lotOf(doc, edit.organisation)?.id === (edit.lot ?? undefined)) return doc;
      const current = doc.lots.flatMap((l) => l.members).find((m) => m.organisation === edit.organisation);
      const lots = membersWithout(doc, edit.organisation).map((l) => l.id === edit.lot
        ? { ...l, members: [...l.members, { organisation: edit.organisation, role: "partner" as const, active: current?.active ?? true }] }
        : l);
      return { ...doc, lots };
    }
    case "set-coordinator":
      return {
        ...doc,
        lots: doc.lots.map((l) => l.id !== edit.lot ? l : {
          ...l,
          members: l.members.map((m) => ({ ...m, role: m.organisation === edit.organisation ? "coordinator" as const : "partner" as const })),
        }),
      };
    case "set-active":
      return {
        ...doc,
        lots: doc.lots.map((l) => ({
          ...l,
          members: l.members.map((m) => m.organisation === edit.organisation ? { ...m, active: edit.active } : m),
        })),
      };
    case "add-wave":
      return { ...doc, waves: [...doc.waves, edit.wave] };
    case "set-wave-asks":
      return { ...doc, waves: doc.waves.map((w) => w.id === edit.wave ? { ...w, asks: edit.asks } : w) };
  }
}

const ASKED = ["desired", "channels", "nextPartners"] as const;
const sameAsks = (a: WaveAsks | undefined, b: WaveAsks) => ASKED.every((q) => (a?.[q] === true) === (b[q] === true));

/**
 * A wave's questions may change until someone answers them. Once a circle of the
 * wave is submitted they are fixed: that respondent answered the questions as they
 * were, and a question added later would make its submission incomplete (every tie
 * needs `desired`) or its silence look like an answer in the figures. Before that, a
 * question may still be dropped unless a draft already holds an answer to it, which
 * the draft would then carry against its wave's rules.
 */
function askProblems(doc: CallDocument, waveId: string, asks: WaveAsks): { problems: Problem[]; code: string } {
  const wave = doc.waves.find((w) => w.id === waveId)!;
  if (sameAsks(wave.asks, asks)) return { problems: [], code: "" };
  const submitted = doc.circles.flatMap((c, i) => c.wave === waveId && c.submittedAt ? [{
    path: formatPath(["circles", i]),
    message: `"${c.respondent}" submitted its circle in wave "${wave.name}" with the questions as they were; they can no longer change`,
  }] : []);
  if (submitted.length) return { problems: submitted, code: "wave_answered" };
  const answered = doc.circles.flatMap((c, i) => {
    if (c.wave !== waveId) return [];
    const at = (...rest: Array<string | number>) => formatPath(["circles", i, ...rest]);
    const message = (question: string) => `the draft of "${c.respondent}" answers ${question}; it cannot be dropped from the wave`;
    return [
      ...c.ties.flatMap((t, ti) => [
        ...(t.desired !== undefined && !asks.desired ? [{ path: at("ties", ti, "desired"), message: message("the desired situation") }] : []),
        ...(t.channels !== undefined && !asks.channels ? [{ path: at("ties", ti, "channels"), message: message("the channels") }] : []),
      ]),
      ...(c.nextPartners !== undefined && !asks.nextPartners ? [{ path: at("nextPartners"), message: message("with whom next time") }] : []),
    ];
  });
  return { problems: answered, code: "would_orphan_answers" };
}

/** Circles of a respondent that would lose their lot membership, one problem each. */
function orphanProblems(doc: CallDocument, organisation: string, why: string): Problem[] {
  const waveName = new Map(doc.waves.map((w) => [w.id, w.name]));
  return doc.circles.flatMap((c, i) => c.respondent !== organisation ? [] : [{
    path: formatPath(["circles", i]),
    message: `"${organisation}" has a ${c.submittedAt ? "submitted" : "draft"} circle in lot "${c.lot}" for wave "${waveName.get(c.wave) ?? c.wave}"; ${why}`,
  }]);
}

/** Interviews with an organisation that would leave every lot: an interview is held with a member (of any lot, active or not). */
function interviewOrphans(doc: CallDocument, organisation: string): Problem[] {
  const waveName = new Map(doc.waves.map((w) => [w.id, w.name]));
  return (doc.interviews ?? []).flatMap((iv, i) => iv.organisation !== organisation ? [] : [{
    path: formatPath(["interviews", i]),
    message: `"${organisation}" was interviewed in wave "${waveName.get(iv.wave) ?? iv.wave}"; it must stay a member of a lot, so it cannot leave every lot`,
  }]);
}

/** Problems with the references an edit makes, named by the request body's paths. */
function referenceProblems(doc: CallDocument, edit: CallEdit, ids: IdsInUse): { rules: Problem[]; conflicts: Problem[]; code: string } {
  const rules: Problem[] = [];
  const conflicts: Problem[] = [];
  let code = edit.kind === "add-lot" || edit.kind === "add-wave" ? "id_taken" : "would_orphan_circles";
  const hasLot = (id: string) => doc.lots.some((l) => l.id === id);
  switch (edit.kind) {
    case "add-organisation":
      if (edit.lot !== null && !hasLot(edit.lot)) rules.push({ path: "body.lot", message: `unknown lot "${edit.lot}" in this call` });
      break;
    case "add-lot": {
      const owner = ids.lot(edit.lot.id);
      if (owner !== undefined && owner !== doc.call.id) conflicts.push({ path: "body.id", message: `lot id "${edit.lot.id}" is used by call "${owner}"` });
      break;
    }
    case "add-wave": {
      const owner = ids.wave(edit.wave.id);
      if (owner !== undefined && owner !== doc.call.id) conflicts.push({ path: "body.id", message: `wave id "${edit.wave.id}" is used by call "${owner}"` });
      break;
    }
    case "move": {
      if (edit.lot !== null && !hasLot(edit.lot)) rules.push({ path: "body.lot", message: `unknown lot "${edit.lot}" in this call` });
      else if (lotOf(doc, edit.organisation)?.id !== (edit.lot ?? undefined)) {
        const circles = orphanProblems(doc, edit.organisation, "it must stay in that lot, so it cannot move");
        const interviews = edit.lot === null ? interviewOrphans(doc, edit.organisation) : [];
        conflicts.push(...circles, ...interviews);
        if (circles.length === 0 && interviews.length > 0) code = "would_orphan_interviews";
      }
      break;
    }
    case "set-coordinator": {
      const members = doc.lots.find((l) => l.id === edit.lot)?.members ?? [];
      if (edit.organisation !== null && !members.some((m) => m.organisation === edit.organisation)) {
        rules.push({ path: "body.organisation", message: `"${edit.organisation}" is not a member of lot "${edit.lot}"` });
      }
      break;
    }
    case "set-active":
      if (!lotOf(doc, edit.organisation)) {
        rules.push({ path: "body.active", message: `"${edit.organisation}" is not a member of any lot` });
      } else if (!edit.active) {
        conflicts.push(...orphanProblems(doc, edit.organisation, "its respondent must stay an active member, so it cannot be marked inactive"));
      }
      break;
    case "set-wave-asks": {
      const refused = askProblems(doc, edit.wave, edit.asks);
      conflicts.push(...refused.problems);
      code = refused.code;
      break;
    }
    case "change-organisation":
    case "change-lot":
      break;
  }
  return { rules, conflicts, code };
}

/**
 * The document after an edit, or the reason it is refused: a RuleError (400) when
 * the edit or the resulting document breaks a rule, a ConflictError (409) when it
 * would orphan circles or take an id another call uses. Nothing is written here.
 */
export function checkedEdit(doc: CallDocument, edit: CallEdit, ids: IdsInUse): CallDocument {
  const { rules, conflicts, code } = referenceProblems(doc, edit, ids);
  if (rules.length) throw new RuleError("the change breaks a rule; nothing was changed", rules);
  if (conflicts.length) {
    throw new ConflictError("the change conflicts with circles or ids already stored; nothing was changed", conflicts, code);
  }
  const after = applyEdit(doc, edit);
  const problems = callDocumentRuleProblems(after);
  if (problems.length) throw new RuleError("the call would break a rule of the call document; nothing was changed", problems);
  return after;
}
