import type { Attributes } from "graphology-types";
import type { NetworkArc, NetworkGraph, NetworkNode } from "./lot-network.ts";

/**
 * What every attribute of an exported network holds, by its definition
 * (docs/metrics.md and lot-network.ts) rather than by the values one lot happens to
 * have: a lot where every effective size is whole still declares it a double, so
 * that files of different lots and waves have one schema. The order is the
 * column order of the tables (CSV, spreadsheet). Every attribute must be here:
 * the types check that none is missing.
 */
export type ValueType = "string" | "integer" | "double" | "boolean";

type Definitions<T> = { readonly [K in keyof Required<T>]: ValueType };

export const NODE_ATTRIBUTES: Definitions<NetworkNode> = {
  label: "string",
  name: "string",
  initials: "string",
  lot: "string",
  role: "string",
  responded: "boolean",
  sector: "string",
  organisationSize: "string",
  inDegree: "integer",
  outDegree: "integer",
  // Sums of contribution scores, which are whole numbers.
  inStrength: "integer",
  outStrength: "integer",
  betweenness: "double",
  closeness: "double",
  pagerank: "double",
  constraint: "double",
  effectiveSize: "double",
  crossings: "integer",
  // Present when the wave asks the desired situation.
  desiredInStrength: "integer",
  x: "double",
  y: "double",
};

export const ARC_ATTRIBUTES: Definitions<NetworkArc> = {
  weight: "integer",
  information: "integer",
  support: "integer",
  cocreation: "integer",
  deepest: "string",
  reconstructed: "boolean",
  crossing: "boolean",
  // The answers a wave may add (lot-network.ts, TieAnswers): declared only when some edge has them.
  desiredWeight: "integer",
  desiredInformation: "integer",
  desiredSupport: "integer",
  desiredCocreation: "integer",
  desiredChange: "string",
  channelSteeringGroup: "boolean",
  channelLearningNetwork: "boolean",
  channelEmail: "boolean",
  channelPhone: "boolean",
  channelChanceMeeting: "boolean",
};

const hasValue = (v: unknown) => v !== null && v !== undefined;

/**
 * The attributes to declare in a file: those that hold a value on some element,
 * in definition order, each with its defined type. An attribute that no element
 * has (names in a pseudonymised file) is not declared at all.
 */
export function declaredAttributes(definitions: Record<string, ValueType>, elements: Attributes[], skip: readonly string[] = []): Array<[string, ValueType]> {
  return Object.entries(definitions).filter(([name]) => !skip.includes(name) && elements.some((a) => hasValue(a[name])));
}

/** A column of a table of nodes or arcs: its name and what it holds. */
export interface Column {
  name: string;
  type: ValueType;
}

const columnsOf = (definitions: Record<string, ValueType>): Column[] => Object.entries(definitions).map(([name, type]) => ({ name, type }));

/** The table of nodes (CSV, spreadsheet): the id, then every attribute in definition order. */
export const NODE_COLUMNS: readonly Column[] = [{ name: "id", type: "string" }, ...columnsOf(NODE_ATTRIBUTES)];
/** The table of arcs: source and target, then every attribute in definition order. */
export const EDGE_COLUMNS: readonly Column[] = [{ name: "from", type: "string" }, { name: "to", type: "string" }, ...columnsOf(ARC_ATTRIBUTES)];

export const nodeRows = (graph: NetworkGraph): Array<Record<string, unknown>> => graph.mapNodes((node, attributes) => ({ id: node, ...attributes }));
export const edgeRows = (graph: NetworkGraph): Array<Record<string, unknown>> => graph.mapEdges((_edge, attributes, source, target) => ({ from: source, to: target, ...attributes }));
