/**
 * How fast composition suggestions are proven: seeded instances of 30 organisations
 * in 5 lots, 60 in 8 and 120 in 15, shaped like the real history (ties mostly within
 * the previous call's lots, some wishes), solved with the default 5-second limit.
 *
 *   tsx scripts/bench-compose.ts [--limit=SECONDS]
 *
 * Prints per instance the time to the first suggestion as a request sees it (the
 * instance, the search's worker thread starting and loading HiGHS, the models'
 * building included; the time limit covers all of it), wall-clock and CPU (the CPU
 * time tells what a quiet machine would take when other work shares this one),
 * whether it is proven optimal, and the gap between its score
 * and the bound, (bound − score) / bound. Two baselines run in the same process: the
 * score of the previous call's lots kept as they were, and the tabu search alone
 * (score and CPU time), which is what the answer would be without the solver.
 */
import { performance } from "node:perf_hooks";
import seedrandom from "seedrandom";
import { historyGraph } from "../api/composition/history-graph.ts";
import type { HistoryTie, HistoryWish } from "../api/schema/proposals.ts";
import { wishBook } from "../api/composition/next-partner-wishes.ts";
import { partitionInstance, scoreParts, totalScore } from "../api/composition/partition-instance.ts";
import { heuristicPartitions } from "../api/composition/partition-heuristic.ts";
import { searchPartitionsOffThread } from "../api/composition/partition-search-thread.ts";
import { wallClock } from "../api/composition/wall-clock.ts";
import { SuggestRequestSchema } from "../api/composition/suggestion-schema.ts";
import type { Organisation } from "../api/schema/call-document.ts";

const INSTANCES = [
  { n: 30, lots: 5 },
  { n: 60, lots: 8 },
  { n: 120, lots: 15 },
];
const limit = Number(process.argv.find((a) => a.startsWith("--limit="))?.slice(8) ?? 5);

function instance(n: number, lots: number, seed: string) {
  const random = seedrandom(seed);
  const ids = [...Array(n).keys()].map((i) => `org-${String(i).padStart(3, "0")}`);
  const previousLot = ids.map((_, i) => i % lots);
  const organisations = new Map<string, Organisation>(
    ids.map((id, i) => [id, { id, name: id, sector: `sector-${Math.floor(random() * 8)}`, kind: "sector-fund" as const, ...(i % 3 === 0 && { size: "small" as const }) }]),
  );
  const ties: HistoryTie[] = [];
  const wishes: HistoryWish[] = [];
  ids.forEach((u, i) => {
    ids.forEach((v, j) => {
      if (i !== j && random() < (previousLot[i] === previousLot[j] ? 0.35 : 0.02)) ties.push({ respondent: u, partner: v });
    });
    if (random() < 0.5) {
      const pick = () => ids[Math.floor(random() * n)]!;
      const withs = [...new Set([pick(), pick()])].filter((v) => v !== u);
      const without = [pick()].filter((v) => v !== u && !withs.includes(v));
      wishes.push({ respondent: u, nextPartners: { with: withs, without } });
    }
  });
  const request = SuggestRequestSchema.parse({
    organisations: ids,
    lots,
    minSize: Math.floor(n / lots) - 1,
    maxSize: Math.ceil(n / lots) + 2,
    coordinators: ids.slice(0, lots),
    count: 1,
    timeLimitSeconds: limit,
  });
  return { request, previousLot, h: historyGraph(ties), organisations, book: wishBook(wishes) };
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

for (const { n, lots } of INSTANCES) {
  const { request, previousLot, h, organisations, book } = instance(n, lots, `compose-${n}-${lots}`);
  const started = performance.now();
  const startedAt = wallClock();
  const cpu = process.cpuUsage();
  const inst = partitionInstance(request, h, organisations, book);
  const outcome = await searchPartitionsOffThread(inst, 1, request.timeLimitSeconds, startedAt);
  const seconds = (performance.now() - started) / 1000;
  const cpuUsed = cpuSeconds(cpu);
  const label = `${n} organisations / ${lots} lots`;
  if (outcome.kind !== "found" || outcome.partitions.length === 0) {
    console.log(`${label}: no partition within ${seconds.toFixed(2)} s (${outcome.kind})`);
    continue;
  }
  const first = outcome.partitions[0]!;
  const score = totalScore(scoreParts(inst, first.lots));
  const gap = first.bound === 0 ? 0 : (first.bound - score) / Math.abs(first.bound);

  const kept = totalScore(scoreParts(inst, [...Array(lots).keys()].map((l) => [...Array(n).keys()].filter((o) => previousLot[o] === l))));
  const heuristicCpu = process.cpuUsage();
  const [alone] = heuristicPartitions(inst, 1);
  const aloneCpu = cpuSeconds(heuristicCpu);
  const aloneScore = alone ? totalScore(scoreParts(inst, alone)) : NaN;
  console.log(
    `${label}: first suggestion in ${seconds.toFixed(2)} s (CPU ${cpuUsed.toFixed(2)} s), ` +
      `${first.optimal ? "proven optimal" : "not proven optimal"}, score ${score}, bound ${first.bound}, gap ${(gap * 100).toFixed(2)} %; ` +
      `previous lots kept: ${kept} (${(score / kept).toFixed(2)}× that); tabu search alone: ${aloneScore} in CPU ${aloneCpu.toFixed(2)} s (${(score / aloneScore).toFixed(2)}× that)`,
  );
}
