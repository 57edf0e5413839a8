import { DirectedGraph } from "graphology";
import seedrandom from "seedrandom";
import { toCsr } from "../api/analysis/csr.ts";
import { pathCentrality } from "../api/analysis/path-centrality.ts";
import { pathCentrality2 } from "./pc2-tmp.ts";
for (const [n, m] of [[2000, 10000], [10000, 50000]] as const) {
  const random = seedrandom(`bench-${n}-${m}`);
  const g = new DirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  while (g.size < m) { const u = Math.floor(random() * n), v = Math.floor(random() * n); if (u !== v && !g.hasEdge(String(u), String(v))) g.addEdge(String(u), String(v)); }
  const csr = toCsr(g);
  let t = performance.now(); const a = pathCentrality(csr); const t1 = performance.now() - t;
  t = performance.now(); const b = pathCentrality2(csr); const t2 = performance.now() - t;
  let d = 0; for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(a.betweenness[i]! - b.betweenness[i]!), Math.abs(a.closeness[i]! - b.closeness[i]!));
  console.log(n, t1.toFixed(0), t2.toFixed(0), d);
}
