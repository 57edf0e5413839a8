import type { History } from "../../api/composition/composition-schema.ts";
import type { Proposal, SavedProposal } from "../../api/schema/proposals.ts";

/** One open proposal; `savedId`/`savedJson`: the saved proposal it edits and what was saved, to tell unsaved changes. */
export interface Tab {
  proposal: Proposal;
  savedId: number | null;
  savedJson: string | null;
}

/**
 * What a change touched, so that a page redraws only that: `edit` the shown proposal's
 * content, `tabs` which proposals are open or which is shown, `history` the waves checked
 * against, `saved` whether proposals are saved (or being saved).
 */
export type Change = "edit" | "tabs" | "history" | "saved";

/** How many edits of one proposal can be undone. */
const UNDO_DEPTH = 100;

const savedForm = (p: Proposal) => JSON.stringify({ name: p.name, lots: p.lots });

/**
 * The state of the composition page: the open proposals, which one is shown, the
 * history, undo per proposal and what is saved. Edits are the pure functions of
 * `proposal-edits.ts`; every change is told to the listeners once, by what it touched.
 */
export class ComposeState {
  private readonly open: Tab[];
  private shown = 0;
  private waves: History;
  private readonly undoStacks = new WeakMap<Tab, Proposal[]>();
  private readonly listeners = new Set<(change: Change) => void>();
  private readonly savingTabs = new Set<Tab>();

  constructor(
    first: Tab,
    history: History,
    /** How many proposals may be open at once (compared side by side). */
    readonly maxTabs: number,
  ) {
    this.open = [first];
    this.waves = history;
  }

  get tabs(): readonly Tab[] {
    return this.open;
  }

  get active(): number {
    return this.shown;
  }

  get history(): History {
    return this.waves;
  }

  current(): Proposal {
    return this.open[this.shown]!.proposal;
  }

  /** Listen to changes; returns the way to stop listening. */
  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Apply a pure edit to the shown proposal; an edit that changes nothing is no change (and no undo step). */
  edit(change: (p: Proposal) => Proposal): void {
    const tab = this.open[this.shown]!;
    const next = change(tab.proposal);
    if (next === tab.proposal) return;
    const stack = this.undoStacks.get(tab) ?? [];
    stack.push(tab.proposal);
    if (stack.length > UNDO_DEPTH) stack.shift();
    this.undoStacks.set(tab, stack);
    tab.proposal = next;
    this.emit("edit");
  }

  canUndo(): boolean {
    return (this.undoStacks.get(this.open[this.shown]!)?.length ?? 0) > 0;
  }

  /** Take back the shown proposal's last edit. */
  undo(): void {
    const tab = this.open[this.shown]!;
    const previous = this.undoStacks.get(tab)?.pop();
    if (!previous) return;
    tab.proposal = previous;
    this.emit("edit");
  }

  /** Whether proposal `i` is a saved one with changes since it was saved. */
  isDirty(i: number): boolean {
    const tab = this.open[i]!;
    return tab.savedJson !== null && tab.savedJson !== savedForm(tab.proposal);
  }

  isSaving(): boolean {
    return this.savingTabs.has(this.open[this.shown]!);
  }

  show(index: number): void {
    if (index === this.shown || !this.open[index]) return;
    this.shown = index;
    this.emit("tabs");
  }

  canAdd(): boolean {
    return this.open.length < this.maxTabs;
  }

  /** A new proposal named `name`, a copy of the shown one, shown at once. */
  add(name: string): void {
    if (!this.canAdd()) return;
    this.shown = this.open.push({ proposal: { ...this.current(), name }, savedId: null, savedJson: null }) - 1;
    this.emit("tabs");
  }

  /** Close proposal `index` (never the last one); closing the shown one shows the one before it. */
  close(index: number): void {
    if (this.open.length < 2 || !this.open[index]) return;
    this.open.splice(index, 1);
    if (this.shown >= index && this.shown > 0) this.shown--;
    this.emit("tabs");
  }

  /** Show a proposal: a saved one already open is shown again, else it gets a tab of its own, or the shown tab when all are taken. */
  openProposal(proposal: Proposal, savedId: number | null = null): void {
    const already = savedId === null ? -1 : this.open.findIndex((x) => x.savedId === savedId);
    const tab: Tab = { proposal, savedId, savedJson: savedId === null ? null : savedForm(proposal) };
    if (already >= 0) this.shown = already;
    else if (this.canAdd()) this.shown = this.open.push(tab) - 1;
    else this.open[this.shown] = tab;
    this.emit("tabs");
  }

  openSaved(saved: SavedProposal): void {
    this.openProposal({ name: saved.name, lots: saved.lots }, saved.id);
  }

  setHistory(history: History): void {
    if (JSON.stringify(history) === JSON.stringify(this.waves)) return;
    this.waves = history;
    this.emit("history");
  }

  /**
   * Save the shown proposal with `persist` (a new one, or over the saved one it edits).
   * What was sent counts as saved, so an edit made while saving shows as unsaved; the
   * tab may be closed meanwhile. A failure leaves the tab as it was and is rethrown.
   */
  async save(persist: (proposal: Proposal, savedId: number | null) => Promise<SavedProposal>): Promise<SavedProposal> {
    const tab = this.open[this.shown]!;
    const sent = tab.proposal;
    this.savingTabs.add(tab);
    this.emit("saved");
    try {
      const saved = await persist(sent, tab.savedId);
      tab.savedId = saved.id;
      tab.savedJson = savedForm(sent);
      return saved;
    } finally {
      this.savingTabs.delete(tab);
      this.emit("saved");
    }
  }

  /** A saved proposal was renamed elsewhere (the saved list): its open tabs follow. */
  renamedSaved(saved: SavedProposal): void {
    const tabs = this.open.filter((x) => x.savedId === saved.id);
    if (!tabs.length) return;
    for (const tab of tabs) {
      tab.proposal = { ...tab.proposal, name: saved.name };
      tab.savedJson = savedForm(saved);
    }
    this.emit("edit");
  }

  /** A saved proposal was deleted: its open tabs stay, as unsaved proposals. */
  deletedSaved(id: number): void {
    const tabs = this.open.filter((x) => x.savedId === id);
    if (!tabs.length) return;
    for (const tab of tabs) Object.assign(tab, { savedId: null, savedJson: null });
    this.emit("saved");
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }
}
