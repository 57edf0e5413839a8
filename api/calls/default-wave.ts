import { waveState } from "../circles/wave-state.ts";
import type { StoredWave } from "../store/call-store.ts";

/**
 * The wave a page shows when none is asked for: the latest wave (in the call's order)
 * with submitted circles, so that opening a new wave does not replace the figures
 * by a wave nobody has answered yet; else the latest wave that has opened; else the
 * first. Undefined for a call without waves.
 */
export function defaultWave<W extends Pick<StoredWave, "id" | "opens" | "closes" | "state">>(
  waves: readonly W[],
  withSubmissions: ReadonlySet<string>,
  now: Date,
): W | undefined {
  return (
    waves.filter((w) => withSubmissions.has(w.id)).at(-1) ??
    waves.filter((w) => waveState(w, now) !== "upcoming").at(-1) ??
    waves[0]
  );
}
