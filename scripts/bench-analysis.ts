/**
 * Speed of the path and PageRank kernels on big graphs, against python-igraph and
 * NetworkX on the same graphs (scripts/bench-analysis.py, run with the Debian
 * interpreter that has both).
 *
 *   tsx scripts/bench-analysis.ts [--quick]
 *
 * --quick skips NetworkX on the largest graph, where it takes minutes.
 * Seeded random directed graphs (no loops, no parallel arcs, weights 1-4); each
 * tool's time is the best of a few runs on a graph already built, for us from
 * the graphology graph (CSR construction included).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DirectedGraph } from "graphology";
import seedrandom from "seedrandom";
import { toCsr } from "../api/analysis/csr.ts";
import { pagerank } from "../api/analysis/pagerank.ts";
import { pathCentrality } from "../api/analysis/path-centrality.ts";

const PYTHON = "/usr/bin/python3";
const SIZES = [
  { n: 2_000, m: 10_000, runs: 5 },
  { n: 10_000, m: 50_000, runs: 1 },
];
const quick = process.argv.includes("--quick");

type Measure = "betweenness" | "closeness" | "pagerank";
interface Timed {
  seconds: Record<Measure, number>;
  values: Record<Measure, number[]>;
}

function randomGraph(n: number, m: number, seed: string): DirectedGraph {
  const random = seedrandom(seed);
  const graph = new DirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  while (graph.size < m) {
    const u = Math.floor(random() * n);
    const v = Math.floor(random() * n);
    if (u !== v && !graph.hasEdge(String(u), String(v))) {
      graph.addEdge(String(u), String(v), { weight: 1 + Math.floor(random() * 4) });
    }
  }
  return graph;
}

function edgeList(graph: DirectedGraph): string {
  const lines = graph.mapEdges((_edge, attributes, source, target) => `${source} ${target} ${attributes.weight}`);
  return `${graph.order} ${graph.size}\n${lines.join("\n")}\n`;
}

function best<T>(runs: number, compute: () => T): [number, T] {
  let seconds = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = compute();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  return [seconds, value];
}

/** Ours: one Brandes sweep gives betweenness and closeness, so they are timed together. */
function ours(graph: DirectedGraph, runs: number) {
  const [seconds, values] = best(runs, () => {
    const csr = toCsr(graph);
    const { betweenness, closeness } = pathCentrality(csr);
    return { betweenness, closeness, pagerank: pagerank(csr) };
  });
  const [pagerankSeconds] = best(runs, () => pagerank(toCsr(graph)));
  return { seconds, pagerankSeconds, values };
}

function maxDifference(a: ArrayLike<number>, b: number[]): number {
  let max = 0;
  for (let i = 0; i < b.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

const total = (t: Timed) => t.seconds.betweenness + t.seconds.closeness + t.seconds.pagerank;
const s = (x: number) => x.toFixed(3).padStart(9);
const ratio = (x: number) => `${x.toFixed(2)}x`.padStart(8);

const dir = mkdtempSync(join(tmpdir(), "bench-analysis-"));
try {
  const rows: string[] = [];
  for (const { n, m, runs } of SIZES) {
    const graph = randomGraph(n, m, `bench-${n}-${m}`);
    const file = join(dir, `graph-${n}.txt`);
    writeFileSync(file, edgeList(graph));
    console.error(`${n} nodes / ${m} arcs: ours...`);
    const mine = ours(graph, runs);
    const skipNetworkx = quick && n > 2_000;
    console.error(`  igraph${skipNetworkx ? "" : " and NetworkX (slow)"}...`);
    const python = spawnSync(
      PYTHON,
      ["scripts/bench-analysis.py", file, "--runs", String(runs), ...(skipNetworkx ? ["--skip-networkx"] : [])],
      { encoding: "utf8", maxBuffer: 1 << 28 },
    );
    if (python.status !== 0) {
      throw new Error(`bench-analysis.py failed (${python.status ?? python.signal}):\n${python.stderr}`);
    }
    const theirs = JSON.parse(python.stdout) as { igraph: Timed; networkx?: Timed };
    // Same numbers, or the timing means nothing. igraph solves PageRank exactly (PRPACK),
    // NetworkX and we stop iterating at an L1 change of n * 1e-6: a few 1e-6 apart per node.
    for (const [tool, result] of Object.entries(theirs)) {
      for (const measure of ["betweenness", "closeness", "pagerank"] as const) {
        const diff = maxDifference(mine.values[measure], result.values[measure]);
        const tolerance = measure !== "pagerank" ? 1e-9 : tool === "igraph" ? 1e-5 : 1e-6;
        if (diff > tolerance) throw new Error(`${measure} differs from ${tool} by ${diff}`);
      }
    }
    const label = `${n}/${m}`.padEnd(13);
    const oursTotal = mine.seconds;
    rows.push(`${label} ours     ${s(oursTotal - mine.pagerankSeconds)} ${s(mine.pagerankSeconds)} ${s(oursTotal)}`);
    for (const [tool, result] of Object.entries(theirs)) {
      const t = total(result);
      rows.push(
        `${label} ${tool.padEnd(8)} ${s(result.seconds.betweenness + result.seconds.closeness)} ${s(result.seconds.pagerank)} ${s(t)} ${ratio(oursTotal / t)}`,
      );
    }
  }
  console.log(`graph (n/m)   tool     betw+clos  pagerank     total  ours/tool`);
  console.log(rows.join("\n"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
