import type { CallDocument } from "../schema/call-document.ts";
import type { Store } from "../store/store.ts";
import { checkedEdit, type CallEdit } from "./call-edits.ts";

/**
 * Check an edit against the call as stored and write it, in one transaction: the
 * call is read, the rules run on the document the edit would produce, and only
 * then is anything written. A refusal throws and leaves the data unchanged.
 * Returns the call document after the edit.
 */
export function editCall(store: Store, callId: string, edit: CallEdit, now: Date): CallDocument {
  return store.callEdits.edit(callId, () => {
    // With its interviews, so that no edit leaves one behind without its member.
    const before = store.exportCall(callId)!;
    const after = checkedEdit(before, edit, {
      lot: (id) => store.calls.lot(id)?.callId,
      wave: (id) => store.calls.wave(id)?.callId,
    });
    if (after !== before) write(store, callId, edit, after, now);
    return after;
  });
}

/** The rows an edit changes; merged values are taken from the checked document. */
function write(store: Store, callId: string, edit: CallEdit, after: CallDocument, now: Date): void {
  const s = store.callEdits;
  switch (edit.kind) {
    case "add-organisation":
      s.addOrganisation(callId, edit.organisation);
      if (edit.lot !== null) s.moveMember(callId, edit.organisation.id, edit.lot, true, now);
      return;
    case "change-organisation":
      s.updateOrganisation(callId, after.organisations.find((o) => o.id === edit.organisation)!);
      return;
    case "add-lot":
      s.addLot(callId, edit.lot);
      return;
    case "change-lot":
      s.updateLot(after.lots.find((l) => l.id === edit.lot)!);
      return;
    case "move": {
      const member = after.lots.flatMap((l) => l.members).find((m) => m.organisation === edit.organisation);
      s.moveMember(callId, edit.organisation, edit.lot, member?.active ?? true, now);
      return;
    }
    case "set-coordinator":
      s.setCoordinator(edit.lot, edit.organisation);
      return;
    case "set-active":
      s.setActive(callId, edit.organisation, edit.active, now);
      return;
    case "add-wave":
      s.addWave(callId, edit.wave);
      return;
    case "set-wave-asks":
      s.setWaveAsks(edit.wave, edit.asks);
      return;
  }
}
