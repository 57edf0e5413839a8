import type { LotData } from "../../api/analysis/lot-data.ts";
import type { Forms } from "../../api/schema/call-document.ts";

/**
 * A lot for known-answer tests, drawn as text: `ties` maps each respondent to its
 * partners and their forms. The first member is the coordinator unless
 * `coordinator` says otherwise; `inactive` members are listed but not active.
 */
export function lot(
  members: string[],
  ties: Record<string, Record<string, Forms>>,
  options: { coordinator?: string | null; inactive?: string[]; wave?: string } = {},
): LotData {
  const coordinator = options.coordinator === undefined ? members[0] : options.coordinator;
  return {
    lot: { id: "lot-1", number: 1, name: "Lot 1" },
    wave: { id: options.wave ?? "w1", name: options.wave ?? "w1" },
    members: members.map((id) => ({
      id,
      name: `Fund ${id}`,
      initials: id.toUpperCase(),
      role: id === coordinator ? "coordinator" : "partner",
      active: !(options.inactive ?? []).includes(id),
    })),
    circles: Object.entries(ties).map(([respondent, partners]) => ({
      respondent,
      ties: Object.entries(partners).map(([partner, forms]) => ({ partner, forms })),
    })),
  };
}

const I = { information: 2 } satisfies Forms;

/** Every member names every other, with `forms`. */
export function complete(members: string[], forms: Forms = I): Record<string, Record<string, Forms>> {
  return Object.fromEntries(members.map((u) => [u, Object.fromEntries(members.filter((v) => v !== u).map((v) => [v, forms]))]));
}

/** Partners and hub name each other, nobody else. */
export function star(hub: string, partners: string[], forms: Forms = I): Record<string, Record<string, Forms>> {
  return {
    [hub]: Object.fromEntries(partners.map((p) => [p, forms])),
    ...Object.fromEntries(partners.map((p) => [p, { [hub]: forms }])),
  };
}
