import { parentPort, workerData } from "node:worker_threads";
import type { PartitionInstance } from "./partition-instance.ts";
import { searchPartitions } from "./partition-search.ts";

/** The worker thread's side of `partition-search-thread.ts`: one search, its outcome posted back. */
const { inst, count, timeLimitSeconds, startedAt } = workerData as { inst: PartitionInstance; count: number; timeLimitSeconds: number; startedAt: number };
parentPort!.postMessage(await searchPartitions(inst, count, timeLimitSeconds, startedAt));
