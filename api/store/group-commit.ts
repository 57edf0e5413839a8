import type { Db } from "./database.ts";

/** How many writes one transaction takes at most; the rest wait for the next. */
const MAX_BATCH = 256;

interface Queued {
  work: () => unknown;
  done: (value: unknown) => void;
  fail: (error: unknown) => void;
}

/**
 * Group commit. With `synchronous = FULL` every commit waits for the disk, and
 * better-sqlite3 waits synchronously, so requests that arrive meanwhile queue up in
 * the event loop. Writes handed to `run` are collected until the end of the current
 * turn of the event loop (what arrived during the previous commit included; never
 * longer, so the wait is bounded) and made in one transaction of at most MAX_BATCH,
 * each in a savepoint of its own: a write that throws is undone alone and fails
 * alone, its partners are committed. Each promise settles only after the commit
 * that holds its write, so an answer sent on it is durable.
 */
export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;
  private readonly batch;
  private readonly savepoint;
  /** Transactions committed and writes they held; lets tests and benchmarks see the grouping. */
  readonly stats = { commits: 0, writes: 0 };

  constructor(db: Db) {
    // A better-sqlite3 transaction function called inside another runs as a savepoint.
    this.savepoint = db.transaction((work: () => unknown) => work());
    this.batch = db.transaction((items: Queued[]) =>
      items.map((item): { ok: true; value: unknown } | { ok: false; error: unknown } => {
        try {
          return { ok: true, value: this.savepoint(item.work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Run `work` (synchronous SQL) in the next group transaction; resolves with its result once committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((done, fail) => {
      this.queue.push({ work, done: done as (value: unknown) => void, fail });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const items = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length) this.schedule();
    let outcomes;
    try {
      outcomes = this.batch(items);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch was written.
      for (const item of items) item.fail(error);
      return;
    }
    this.stats.commits++;
    this.stats.writes += items.length;
    outcomes.forEach((o, i) => (o.ok ? items[i]!.done(o.value) : items[i]!.fail(o.error)));
  }
}
