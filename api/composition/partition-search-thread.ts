import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { PartitionInstance } from "./partition-instance.ts";
import type { SearchOutcome } from "./partition-search.ts";
import { wallClock } from "./wall-clock.ts";

/**
 * `searchPartitions` on a worker thread of its own, so that the server keeps
 * answering other requests while a search runs (up to its time limit; HiGHS runs
 * synchronously and would hold the event loop that long). A thread per search: it
 * ends with its search, so HiGHS's memory (WebAssembly memory only grows) is given
 * back, and concurrent searches do not queue behind each other.
 *
 * The worker runs the TypeScript source like the rest of the server, through tsx's
 * loader, whether the process was started by tsx (`npm start`) or by the test runner.
 */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
const workerFile = new URL("./partition-search-worker.ts", import.meta.url).href;
// tsx registers itself only on the main thread (Node 20): the worker registers its hooks, then loads its source.
const bootstrap = `require("node:module").register(${JSON.stringify(tsxLoader)}, { data: {} }); import(${JSON.stringify(workerFile)});`;

export function searchPartitionsOffThread(inst: PartitionInstance, count: number, timeLimitSeconds: number, startedAt = wallClock()): Promise<SearchOutcome> {
  return new Promise((resolve, reject) => {
    // The time limit counts from `startedAt`, so starting the thread (tsx's loader, HiGHS) is part of it.
    const worker = new Worker(bootstrap, { eval: true, workerData: { inst, count, timeLimitSeconds, startedAt } });
    let settled = false;
    worker.once("message", (outcome: SearchOutcome) => {
      settled = true;
      resolve(outcome);
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the search thread stopped (exit code ${code}) without an answer`));
    });
  });
}
