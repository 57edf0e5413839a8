import type { CoordinatorFigures, LotMetrics, NetworkFigures } from "../analysis/metrics-schema.ts";
import { FORMS } from "../schema/forms.ts";
import type { Column, ValueType } from "./network-attributes.ts";
import type { Codes } from "./pseudonymise.ts";

/**
 * The comparison of a call's lots as one table, a row per lot: what the
 * comparison page charts, every network and coordinator figure of metrics.md,
 * each column typed by its definition. Pseudonymised, lots and coordinators are
 * codes and lot names are left out (they list the members' sectors).
 */

type Scalar<T> = { [K in keyof T as T[K] extends object | null ? (T[K] extends number | null ? K : never) : K]: ValueType };

const NETWORK: Scalar<NetworkFigures> = {
  n: "integer",
  m: "integer",
  respondents: "integer",
  responseRate: "double",
  density: "double",
  observedDensity: "double",
  reciprocity: "double",
  meanContribution: "double",
  components: "integer",
  degreeCentralization: "double",
};

// The desired situation is not exported yet: the table carries current figures only.
const COORDINATOR: Omit<Scalar<CoordinatorFigures>, "id" | "desiredInStrengthShare" | "desiredDominanceIndex"> = {
  inStrengthShare: "double",
  dominanceIndex: "double",
  rank: "integer",
  top: "boolean",
  dependency: "double",
};

export const COMPARISON_COLUMNS: readonly Column[] = [
  { name: "lot", type: "string" },
  { name: "number", type: "integer" },
  { name: "name", type: "string" },
  ...Object.entries(NETWORK).map(([name, type]) => ({ name, type })),
  ...FORMS.flatMap((f): Column[] => [
    { name: `${f}.share`, type: "double" },
    { name: `${f}.meanContribution`, type: "double" },
    { name: `depth.${f}`, type: "double" },
  ]),
  { name: "coordinator", type: "string" },
  ...Object.entries(COORDINATOR).map(([name, type]) => ({ name: `coordinator.${name}`, type })),
];

export interface ComparedLot {
  lot: { id: string; number: number; name: string };
  figures: Pick<LotMetrics, "network" | "coordinator">;
}

export function comparisonRows(lots: readonly ComparedLot[], codes?: Codes): Array<Record<string, unknown>> {
  const rows = lots.map(({ lot, figures: { network, coordinator } }) => {
    // Pseudonymised, a coordinator's code would name the coordinator (they are public): only its figures stay.
    const row: Record<string, unknown> = {
      lot: codes ? codes.lots.get(lot.id) : lot.id,
      number: codes ? null : lot.number,
      name: codes ? null : lot.name,
      coordinator: codes ? null : (coordinator?.id ?? null),
    };
    for (const name of Object.keys(NETWORK)) row[name] = network[name as keyof typeof NETWORK];
    for (const f of FORMS) {
      row[`${f}.share`] = network.forms[f].share;
      row[`${f}.meanContribution`] = network.forms[f].meanContribution;
      row[`depth.${f}`] = network.depth[f];
    }
    for (const name of Object.keys(COORDINATOR)) row[`coordinator.${name}`] = coordinator?.[name as keyof typeof COORDINATOR] ?? null;
    return row;
  });
  // In the order of the codes: the call's order would point at the lots.
  return codes ? rows.sort((a, b) => String(a.lot).localeCompare(String(b.lot))) : rows;
}
