import type { Proposal, ProposedLot } from "../../api/schema/proposals.ts";

/** Where an organisation sits in a proposal: a lot index, or POOL for no lot. */
export const POOL = -1;

export function lotIndexOf(p: Proposal, organisation: string): number {
  return p.lots.findIndex((l) => l.members.includes(organisation));
}

const withLots = (p: Proposal, lots: ProposedLot[]): Proposal => ({ ...p, lots });

/**
 * Take an organisation out of its lot (losing the coordinator role with it) and put it
 * at the end of lot `to`, or in the pool. Lots it leaves untouched stay the same
 * objects, so that a page redraws only the lots an edit changed.
 */
export function moveOrganisation(p: Proposal, organisation: string, to: number): Proposal {
  const from = lotIndexOf(p, organisation);
  if (from === to) return p;
  return withLots(
    p,
    p.lots.map((lot, i) => {
      if (i !== from && i !== to) return lot;
      const members = lot.members.filter((m) => m !== organisation);
      if (i === to) members.push(organisation);
      return { ...lot, members, coordinator: lot.coordinator === organisation ? null : (lot.coordinator ?? null) };
    }),
  );
}

/** Make a member the coordinator of its lot, or take the role away when it has it already. */
export function toggleCoordinator(p: Proposal, organisation: string): Proposal {
  const at = lotIndexOf(p, organisation);
  if (at === POOL) return p;
  return withLots(
    p,
    p.lots.map((lot, i) => (i === at ? { ...lot, coordinator: lot.coordinator === organisation ? null : organisation } : lot)),
  );
}

export function addLot(p: Proposal, name: string): Proposal {
  return withLots(p, [...p.lots, { name, coordinator: null, members: [] }]);
}

/** Drop a lot; its members go back to the pool. */
export function removeLot(p: Proposal, index: number): Proposal {
  return withLots(p, p.lots.filter((_, i) => i !== index));
}

export function renameLot(p: Proposal, index: number, name: string): Proposal {
  return withLots(p, p.lots.map((lot, i) => (i === index ? { ...lot, name } : lot)));
}
