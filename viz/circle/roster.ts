import type { CircleContext } from "./circle-source.ts";

export interface RosterPartner {
  id: string;
  name: string;
  initials: string;
  role?: "coordinator" | "partner";
  /** An organisation outside the respondent's lot, added by hand. */
  outside: boolean;
}

/**
 * The organisations a respondent can name: their lot's active partners first, then
 * organisations from outside the lot in the order they were added.
 */
export class Roster {
  private readonly added: string[] = [];

  constructor(private readonly context: CircleContext) {}

  list(): RosterPartner[] {
    const others = new Map(this.context.others.map((o) => [o.id, o]));
    return [
      ...this.context.partners.map((p) => ({ ...p, outside: false })),
      ...this.added.map((id) => ({ ...others.get(id)!, outside: true })),
    ];
  }

  ids(): string[] {
    return this.list().map((p) => p.id);
  }

  /** Organisations outside the lot not on the list yet. */
  available(): CircleContext["others"] {
    return this.context.others.filter((o) => !this.added.includes(o.id));
  }

  /** Add an outside organisation; ids that are not in the call's others are ignored. */
  add(id: string): void {
    if (!this.added.includes(id) && this.context.others.some((o) => o.id === id)) this.added.push(id);
  }

  remove(id: string): void {
    const i = this.added.indexOf(id);
    if (i >= 0) this.added.splice(i, 1);
  }
}
