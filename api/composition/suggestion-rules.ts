import type { UndirectedGraph } from "graphology";
import { type Problem, formatPath } from "../schema/problems.ts";
import type { SuggestRequest } from "./suggestion-schema.ts";

/**
 * What makes a suggestion request impossible before any search: ids that are not
 * organisations to place, and constraints that cannot hold together (sizes against
 * the number of lots, too many coordinators, chains of `together` pairs that are too
 * large, join an `apart` pair or two coordinators, organisations that `noNewcomers`
 * leaves no lot for). Paths are under `prefix`; an empty list means the solver decides.
 */
export function suggestionProblems(request: SuggestRequest, known: ReadonlySet<string>, h: UndirectedGraph, prefix: PropertyKey[]): Problem[] {
  const at = (...path: PropertyKey[]) => formatPath([...prefix, ...path]);
  const problems: Problem[] = [];
  const placed = new Set<string>();
  request.organisations.forEach((id, i) => {
    if (!known.has(id)) problems.push({ path: at("organisations", i), message: `unknown organisation "${id}"` });
    else if (placed.has(id)) problems.push({ path: at("organisations", i), message: `"${id}" is listed twice` });
    placed.add(id);
  });
  const notPlaced = (id: string) => `"${id}" is not among the organisations to place`;
  const coordinators = new Set<string>();
  request.coordinators.forEach((id, i) => {
    if (!placed.has(id)) problems.push({ path: at("coordinators", i), message: notPlaced(id) });
    else if (coordinators.has(id)) problems.push({ path: at("coordinators", i), message: `"${id}" cannot coordinate two lots` });
    coordinators.add(id);
  });
  for (const kind of ["together", "apart"] as const) {
    request[kind].forEach(([a, b], i) => {
      if (a === b) problems.push({ path: at(kind, i), message: "a pair needs two different organisations" });
      for (const [side, id] of [a, b].entries()) if (!placed.has(id)) problems.push({ path: at(kind, i, side), message: notPlaced(id) });
    });
  }
  if (problems.length) return problems;

  const n = placed.size;
  const { lots, minSize } = request;
  const maxSize = request.maxSize ?? n;
  if (n < lots * minSize) {
    problems.push({ path: at("minSize"), message: `${n} organisations cannot fill ${lots} lots of at least ${minSize} each` });
  }
  if (n > lots * maxSize) {
    problems.push({ path: at("maxSize"), message: `${n} organisations do not fit in ${lots} lots of at most ${maxSize} each` });
  }
  if (request.coordinators.length > lots) {
    problems.push({ path: at("coordinators"), message: `${request.coordinators.length} coordinators for ${lots} lots: each coordinates a different lot` });
  }

  const chains = new TogetherChains(request.together);
  const reported = new Set<string>();
  for (const group of chains.groups()) {
    if (group.length > maxSize && !reported.has(group[0]!)) {
      reported.add(group[0]!);
      problems.push({
        path: at("together"),
        message: `together pairs join ${group.map((id) => `"${id}"`).join(", ")}: ${group.length} organisations, more than maxSize ${maxSize}`,
      });
    }
  }
  request.apart.forEach(([a, b], i) => {
    const chain = chains.path(a, b);
    if (chain) problems.push({ path: at("apart", i), message: `"${a}" and "${b}" must be apart, but together pairs join them: ${chain.join(" – ")}` });
  });
  const cs = request.coordinators;
  cs.forEach((a, i) => {
    for (const b of cs.slice(i + 1)) {
      const chain = chains.path(a, b);
      if (chain) {
        problems.push({ path: at("coordinators", i), message: `coordinators "${a}" and "${b}" lead different lots, but together pairs join them: ${chain.join(" – ")}` });
      }
    }
  });
  if (request.noNewcomers) {
    for (const id of placed) {
      const tied = h.hasNode(id) && h.neighbors(id).some((v) => v !== id && placed.has(v));
      if (!tied) {
        problems.push({ path: at("noNewcomers"), message: `"${id}" has no tie in the history to any other organisation to place, so every lot would make it a newcomer` });
      }
    }
  }
  return problems;
}

/** The groups that `together` pairs chain into, and the chain joining two organisations. */
class TogetherChains {
  private readonly adjacent = new Map<string, string[]>();

  constructor(pairs: ReadonlyArray<readonly [string, string]>) {
    for (const [a, b] of pairs) {
      this.adjacent.set(a, [...(this.adjacent.get(a) ?? []), b]);
      this.adjacent.set(b, [...(this.adjacent.get(b) ?? []), a]);
    }
  }

  /** Groups of two or more, each sorted, in order of their first member. */
  groups(): string[][] {
    const seen = new Set<string>();
    const groups: string[][] = [];
    for (const start of [...this.adjacent.keys()].sort()) {
      if (seen.has(start)) continue;
      const group = [...this.reach(start).keys()].sort();
      for (const id of group) seen.add(id);
      groups.push(group);
    }
    return groups;
  }

  /** The shortest chain of together pairs from a to b, or null when none joins them. */
  path(a: string, b: string): string[] | null {
    const previous = this.reach(a);
    if (!previous.has(b)) return null;
    const chain = [b];
    while (chain[0] !== a) chain.unshift(previous.get(chain[0]!)!);
    return chain;
  }

  /** Breadth-first from `start`: every organisation reached, with the one it was reached from. */
  private reach(start: string): Map<string, string> {
    const previous = new Map([[start, start]]);
    const queue = [start];
    while (queue.length) {
      const u = queue.shift()!;
      for (const v of [...(this.adjacent.get(u) ?? [])].sort()) {
        if (!previous.has(v)) {
          previous.set(v, u);
          queue.push(v);
        }
      }
    }
    return previous;
  }
}
