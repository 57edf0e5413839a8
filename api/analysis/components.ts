import type { UndirectedGraph } from "graphology";

/** Connected components of `graph` as lists of node keys, `without` treated as removed. */
export function connectedComponents(graph: UndirectedGraph, without?: string): string[][] {
  const seen = new Set<string>(without === undefined ? [] : [without]);
  const components: string[][] = [];
  graph.forEachNode((start) => {
    if (seen.has(start)) return;
    seen.add(start);
    const component = [start];
    for (let i = 0; i < component.length; i++) {
      graph.forEachNeighbor(component[i]!, (neighbour) => {
        if (seen.has(neighbour)) return;
        seen.add(neighbour);
        component.push(neighbour);
      });
    }
    components.push(component);
  });
  return components;
}
