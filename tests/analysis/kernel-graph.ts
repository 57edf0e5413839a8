import { DirectedGraph } from "graphology";
import { toCsr, type Csr } from "../../api/analysis/csr.ts";

/** The CSR of a directed graph on nodes 0..n-1 with the given arcs [from, to, weight?]. */
export function csrOf(n: number, arcs: Array<[number, number, number?]>): Csr {
  const graph = new DirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (const [from, to, weight] of arcs) graph.addEdge(String(from), String(to), weight === undefined ? {} : { weight });
  return toCsr(graph);
}
