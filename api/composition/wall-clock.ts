/**
 * Milliseconds on a clock that every thread shares: `performance.now()` counts from
 * each thread's own start, so a time limit that began on the server's thread is
 * measured on this one in the search's worker.
 */
export const wallClock = (): number => performance.timeOrigin + performance.now();
