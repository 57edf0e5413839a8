import type { Form, Tie } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { type Placement, type Score } from "./circle-geometry.ts";

/** A partner's answers; null marks a form ticked in the form whose score is not chosen yet. */
export type Answer = Partial<Record<Form, Score | null>>;

/** What one edit did to one (partner, form): a score, a tick without score, or removed (undefined). */
export interface Change {
  partner: string;
  form: Form;
  score: Score | null | undefined;
}

/**
 * The circle being edited, shared by the picture and the form. Every edit goes
 * through here and is reported to the listeners, which redraw, announce and save.
 */
export class CircleAnswers {
  private readonly answers = new Map<string, Answer>();
  private readonly listeners: Array<(changes: Change[]) => void> = [];

  /** `order` lists partner ids in the order ties are kept and saved. */
  constructor(private readonly order: () => readonly string[]) {}

  onChange(listener: (changes: Change[]) => void): void {
    this.listeners.push(listener);
  }

  of(partner: string): Answer {
    return { ...this.answers.get(partner) };
  }

  set(partner: string, form: Form, score: Score | null): void {
    this.apply([{ partner, form, score }]);
  }

  remove(partner: string, form: Form): void {
    if (this.answers.get(partner)?.[form] !== undefined) this.apply([{ partner, form, score: undefined }]);
  }

  /** Drop every answer about a partner (an organisation taken off the list). */
  forget(partner: string): void {
    this.apply(Object.keys(this.of(partner)).map((form) => ({ partner, form: form as Form, score: undefined })));
  }

  /** A placed chip dragged to another cell: one edit, so it is saved and announced once. */
  move(from: Placement, to: { form: Form; score: Score }): void {
    if (from.form === to.form && from.score === to.score) return;
    const changes: Change[] = from.form === to.form ? [] : [{ partner: from.partner, form: from.form, score: undefined }];
    this.apply([...changes, { partner: from.partner, form: to.form, score: to.score }]);
  }

  /**
   * Replace everything without telling the listeners (loading a stored circle).
   * `pick` chooses which scores of a tie this holds: its forms, or its desired ones.
   */
  load(ties: readonly Tie[], pick: (tie: Tie) => Tie["forms"] | undefined = (t) => t.forms): void {
    this.answers.clear();
    for (const t of ties) {
      const scores = pick(t);
      if (scores && Object.keys(scores).length) this.answers.set(t.partner, { ...scores } as Answer);
    }
  }

  /** Partners with at least one answer, ticked or scored. */
  partners(): string[] {
    return [...this.answers.keys()];
  }

  /** The circle as the API takes it: scored forms only, partners in list order. */
  ties(): Tie[] {
    const rank = new Map(this.order().map((id, i) => [id, i]));
    const position = (id: string) => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
    return [...this.answers.entries()]
      .map(([partner, answer]) => ({
        partner,
        forms: Object.fromEntries(FORMS.filter((f) => typeof answer[f] === "number").map((f) => [f, answer[f]])) as Tie["forms"],
      }))
      .filter((t) => Object.keys(t.forms).length > 0)
      .sort((a, b) => position(a.partner) - position(b.partner) || a.partner.localeCompare(b.partner));
  }

  private apply(changes: Change[]): void {
    if (changes.length === 0) return;
    for (const { partner, form, score } of changes) {
      const answer = { ...this.answers.get(partner) };
      if (score === undefined) delete answer[form];
      else answer[form] = score;
      if (Object.keys(answer).length) this.answers.set(partner, answer);
      else this.answers.delete(partner);
    }
    for (const l of this.listeners) l(changes);
  }
}
