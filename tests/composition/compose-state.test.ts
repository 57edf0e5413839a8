import { describe, expect, it } from "vitest";
import type { Proposal, SavedProposal } from "../../api/schema/proposals.ts";
import { type Change, ComposeState } from "../../viz/compose/compose-state.ts";
import { POOL, addLot, moveOrganisation, toggleCoordinator } from "../../viz/compose/proposal-edits.ts";

const START: Proposal = {
  name: "Current",
  lots: [
    { name: "L1", coordinator: "a", members: ["a", "b"] },
    { name: "L2", coordinator: "c", members: ["c", "d"] },
    { name: "L3", coordinator: null, members: ["e"] },
  ],
};

/** A state over START and the changes it told, in order. */
function setup(maxTabs = 3) {
  const state = new ComposeState({ proposal: START, savedId: null, savedJson: null }, "all", maxTabs);
  const changes: Change[] = [];
  state.subscribe((c) => changes.push(c));
  return { state, changes };
}

const saved = (id: number, p: Proposal): SavedProposal => ({ id, ...p, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" });

describe("the compose state controller", () => {
  it("applies pure edits to the shown proposal, tells each once, and leaves untouched lots the same objects", () => {
    const { state, changes } = setup();
    state.edit((p) => moveOrganisation(p, "b", 1));
    expect(state.current().lots.map((l) => l.members)).toEqual([["a"], ["c", "d", "b"], ["e"]]);
    expect(changes).toEqual(["edit"]);
    // Only the two lots the move touched are new: a page redraws only those.
    expect(state.current().lots[2]).toBe(START.lots[2]);
    expect(state.current().lots[0]).not.toBe(START.lots[0]);
    // The proposal it started from is never changed.
    expect(START.lots[0]!.members).toEqual(["a", "b"]);
    // An edit that changes nothing is no change.
    state.edit((p) => moveOrganisation(p, "b", 1));
    expect(changes).toEqual(["edit"]);
  });

  it("undoes edits one by one, per proposal, down to where it started", () => {
    const { state, changes } = setup();
    expect(state.canUndo()).toBe(false);
    state.edit((p) => moveOrganisation(p, "b", POOL));
    state.edit((p) => toggleCoordinator(p, "e"));
    state.undo();
    expect(state.current().lots[2]!.coordinator).toBeNull();
    expect(state.current().lots[0]!.members).toEqual(["a"]);
    state.undo();
    expect(state.current()).toBe(START);
    expect(state.canUndo()).toBe(false);
    state.undo();
    expect(changes).toEqual(["edit", "edit", "edit", "edit"]);

    // A second proposal has its own undo: undoing there leaves the first one's edits alone.
    state.edit((p) => addLot(p, "L4"));
    state.add("Copy");
    expect(state.canUndo()).toBe(false);
    state.edit((p) => moveOrganisation(p, "a", 3));
    state.show(0);
    expect(state.canUndo()).toBe(true);
    state.undo();
    expect(state.current().lots).toHaveLength(3);
    expect(state.tabs[1]!.proposal.lots[3]!.members).toEqual(["a"]);
  });

  it("opens, shows and closes proposals up to the limit, and keeps the shown one shown", () => {
    const { state, changes } = setup(3);
    state.add("P2");
    expect(state.active).toBe(1);
    expect(state.current()).toMatchObject({ name: "P2", lots: START.lots });
    state.openProposal({ name: "Suggestion 1", lots: [{ name: "S", coordinator: null, members: ["a", "b", "c", "d", "e"] }] });
    expect(state.tabs.map((x) => x.proposal.name)).toEqual(["Current", "P2", "Suggestion 1"]);
    expect(state.canAdd()).toBe(false);
    state.add("P4");
    expect(state.tabs).toHaveLength(3);
    // With every tab taken, a proposal opens in the shown tab.
    state.show(1);
    state.openProposal({ name: "Suggestion 2", lots: START.lots });
    expect(state.tabs.map((x) => x.proposal.name)).toEqual(["Current", "Suggestion 2", "Suggestion 1"]);
    // Closing a tab before the shown one keeps the shown one; closing the shown one shows the one before it.
    state.show(2);
    state.close(0);
    expect(state.current().name).toBe("Suggestion 1");
    state.close(1);
    expect(state.current().name).toBe("Suggestion 2");
    state.close(0);
    expect(state.tabs).toHaveLength(1);
    expect(changes.every((c) => c === "tabs")).toBe(true);
    // Showing the shown tab again is no change.
    const before = changes.length;
    state.show(0);
    expect(changes).toHaveLength(before);
  });

  it("reopens a saved proposal that is open already instead of opening it twice", () => {
    const { state } = setup();
    const one = saved(7, { name: "Saved", lots: START.lots });
    state.openSaved(one);
    state.show(0);
    state.openSaved(one);
    expect(state.tabs).toHaveLength(2);
    expect(state.active).toBe(1);
    expect(state.isDirty(1)).toBe(false);
  });

  it("saves: what was sent counts as saved, an edit during the save shows as unsaved, a failure changes nothing", async () => {
    const { state, changes } = setup();
    let finish!: (p: SavedProposal) => void;
    const sent: Array<[Proposal, number | null]> = [];
    const persist = (p: Proposal, id: number | null) => {
      sent.push([p, id]);
      return new Promise<SavedProposal>((done) => (finish = done));
    };
    const saving = state.save(persist);
    expect(state.isSaving()).toBe(true);
    state.edit((p) => moveOrganisation(p, "e", 0));
    finish(saved(1, sent[0]![0]));
    await saving;
    expect(state.isSaving()).toBe(false);
    expect(state.tabs[0]!.savedId).toBe(1);
    expect(state.isDirty(0)).toBe(true);
    expect(changes).toEqual(["saved", "edit", "saved"]);

    // Saving again goes over the same saved proposal, and leaves it clean.
    const again = state.save(persist);
    finish(saved(1, sent[1]![0]));
    await again;
    expect(sent[1]![1]).toBe(1);
    expect(state.isDirty(0)).toBe(false);

    // A failed save keeps what was saved before, and says so to the caller.
    state.edit((p) => moveOrganisation(p, "e", 2));
    await expect(state.save(() => Promise.reject(new Error("offline")))).rejects.toThrow("offline");
    expect(state.tabs[0]!.savedId).toBe(1);
    expect(state.isDirty(0)).toBe(true);
    expect(state.isSaving()).toBe(false);
  });

  it("follows a saved proposal renamed or deleted in the saved list", () => {
    const { state, changes } = setup();
    state.openSaved(saved(3, { name: "Old", lots: START.lots }));
    state.renamedSaved(saved(3, { name: "New", lots: START.lots }));
    expect(state.current().name).toBe("New");
    expect(state.isDirty(1)).toBe(false);
    state.deletedSaved(3);
    expect(state.tabs[1]).toMatchObject({ savedId: null, savedJson: null });
    // A proposal not open is no change.
    state.renamedSaved(saved(9, { name: "Other", lots: START.lots }));
    state.deletedSaved(9);
    expect(changes).toEqual(["tabs", "edit", "saved"]);
  });

  it("changes the history only when it differs", () => {
    const { state, changes } = setup();
    state.setHistory(["w1", "w2"]);
    state.setHistory(["w1", "w2"]);
    expect(state.history).toEqual(["w1", "w2"]);
    expect(changes).toEqual(["history"]);
  });
});
