import type { InterviewNote } from "../../api/schema/call-document.ts";
import type { InterviewBody } from "../../api/schema/interview-body.ts";
import type { InterviewVersion } from "../../api/schema/answers.ts";
import { NOTE_FIELDS, type Code } from "../../api/schema/interview-codes.ts";

/** The page's interview while it is being written: the note of each partner by id, text as typed. */
export interface InterviewDraft {
  status: InterviewBody["status"];
  plannedOn: string;
  notes: string;
  codes: Code[];
  partners: Map<string, InterviewNote>;
}

export type InterviewFields = Omit<InterviewBody, "basedOn">;

export const emptyDraft = (): InterviewDraft => ({ status: "planned", plannedOn: "", notes: "", codes: [], partners: new Map() });

export function draftOf(interview: InterviewFields | InterviewVersion): InterviewDraft {
  return {
    status: interview.status,
    plannedOn: interview.plannedOn ?? "",
    notes: interview.notes ?? "",
    codes: [...interview.codes],
    partners: new Map(interview.partners.map((n) => [n.partner, { ...n, codes: [...n.codes] }])),
  };
}

/** Text worth keeping: a field of white space only is no note (the API refuses it). */
const written = (text: string | undefined): text is string => text !== undefined && /\S/.test(text);

export const hasNotes = (note: InterviewNote | undefined): note is InterviewNote =>
  note !== undefined && (note.codes.length > 0 || NOTE_FIELDS.some((f) => written(note[f])));

/**
 * What the page saves: the notes in the order of `order` (the partners as the page
 * lists them), then any others, and only notes with something in them.
 */
export function bodyOf(draft: InterviewDraft, order: readonly string[]): InterviewFields {
  const ids = [...order, ...[...draft.partners.keys()].filter((id) => !order.includes(id))];
  const partners = ids
    .map((id) => draft.partners.get(id))
    .filter(hasNotes)
    .map((n) => {
      const note: InterviewNote = { partner: n.partner, codes: n.codes };
      for (const f of NOTE_FIELDS) if (written(n[f])) note[f] = n[f];
      return note;
    });
  return {
    status: draft.status,
    ...(draft.plannedOn !== "" && { plannedOn: draft.plannedOn }),
    ...(written(draft.notes) && { notes: draft.notes }),
    codes: draft.codes,
    partners,
  };
}

/** The note about a partner to write into, made when first needed. */
export function noteFor(draft: InterviewDraft, partner: string): InterviewNote {
  let note = draft.partners.get(partner);
  if (!note) draft.partners.set(partner, (note = { partner, codes: [] }));
  return note;
}
