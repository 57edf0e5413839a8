import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { ALWAYS_OPTIMAL_UP_TO, type PartitionInstance } from "./partition-instance.ts";
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

/**
 * How far past its time limit a search may run before it counts as stuck: the search
 * reads the clock at every step, so only a fault overruns by this much, and its
 * thread is stopped rather than left holding a core.
 */
const OVERRUN_SECONDS = 10;

/** A search whose thread was stopped for overrunning its time limit. */
export class SearchOverrun extends Error {}

export function searchPartitionsOffThread(
  inst: PartitionInstance,
  count: number,
  timeLimitSeconds: number,
  startedAt = wallClock(),
  overrunSeconds = OVERRUN_SECONDS,
): Promise<SearchOutcome> {
  return new Promise((resolve, reject) => {
    // The time limit counts from `startedAt`, so starting the thread (tsx's loader, HiGHS) is part of it.
    const worker = new Worker(bootstrap, { eval: true, workerData: { inst, count, timeLimitSeconds, startedAt } });
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(watchdog);
    };
    // Small instances are searched without a limit (every suggestion proven): no watchdog for them.
    const deadline = startedAt + (timeLimitSeconds + overrunSeconds) * 1000;
    const watchdog =
      inst.ids.length > ALWAYS_OPTIMAL_UP_TO
        ? setTimeout(() => {
            if (settled) return;
            settle();
            void worker.terminate();
            reject(new SearchOverrun(`the search did not end within ${timeLimitSeconds + overrunSeconds} s; it was stopped`));
          }, Math.max(0, deadline - wallClock()))
        : undefined;
    worker.once("message", (outcome: SearchOutcome) => {
      settle();
      resolve(outcome);
    });
    worker.once("error", (error) => {
      settle();
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) {
        settle();
        reject(new Error(`the search thread stopped (exit code ${code}) without an answer`));
      }
    });
  });
}
