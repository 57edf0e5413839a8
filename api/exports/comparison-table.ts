import type { CoordinatorFigures, LotMetrics, NetworkFigures } from "../analysis/metrics-schema.ts";
import { CHANNELS } from "../schema/channels.ts";
import { FORMS } from "../schema/forms.ts";
import type { Column, ValueType } from "./network-attributes.ts";
import type { Codes } from "./pseudonymise.ts";

/**
 * The comparison of a call's lots as one table, a row per lot: what the
 * comparison page charts, every network and coordinator figure of docs/metrics.md,
 * each column typed by its definition; the desired-situation and channel figures
 * are empty cells when the wave does not ask them. Pseudonymised, lots and coordinators are
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

const COORDINATOR: Omit<Scalar<CoordinatorFigures>, "id"> = {
  inStrengthShare: "double",
  dominanceIndex: "double",
  rank: "integer",
  top: "boolean",
  dependency: "double",
  desiredInStrengthShare: "double",
  desiredDominanceIndex: "double",
};

/** The desired-situation and channel figures, by their paths in the lot's figures. */
const ASKED: ReadonlyArray<Column & { of: (f: ComparedLot["figures"]) => number | null | undefined }> = [
  { name: "desired.m", type: "integer", of: (f) => f.desired?.m },
  { name: "desired.density", type: "double", of: (f) => f.desired?.density },
  { name: "desired.meanContribution", type: "double", of: (f) => f.desired?.meanContribution },
  ...(["deepen", "loosen", "same", "wished", "dropped"] as const).map((k) => ({ name: `desired.gap.${k}`, type: "integer" as const, of: (f: ComparedLot["figures"]) => f.desired?.gap[k] })),
  { name: "desired.gap.meanDelta", type: "double", of: (f) => f.desired?.gap.meanDelta },
  { name: "channels.answered", type: "integer", of: (f) => f.channels?.answered },
  ...CHANNELS.map((c) => ({ name: `channels.share.${c}`, type: "double" as const, of: (f: ComparedLot["figures"]) => f.channels?.share[c] })),
  { name: "channels.formalShare", type: "double", of: (f) => f.channels?.formalShare },
  { name: "channels.informalOnlyShare", type: "double", of: (f) => f.channels?.informalOnlyShare },
];

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
  ...ASKED.map(({ name, type }) => ({ name, type })),
];

export interface ComparedLot {
  lot: { id: string; number: number; name: string };
  figures: Pick<LotMetrics, "network" | "coordinator" | "desired" | "channels">;
}

export function comparisonRows(lots: readonly ComparedLot[], codes?: Codes): Array<Record<string, unknown>> {
  const rows = lots.map(({ lot, figures }) => {
    const { network, coordinator } = figures;
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
    for (const { name, of } of ASKED) row[name] = of(figures) ?? null;
    return row;
  });
  // In the order of the codes: the call's order would point at the lots.
  return codes ? rows.sort((a, b) => String(a.lot).localeCompare(String(b.lot))) : rows;
}
