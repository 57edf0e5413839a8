import type { StoredWave } from "../store/call-store.ts";
import type { WaveState } from "../schema/answers.ts";

/**
 * A wave is open from the start of `opens` to the end of `closes` (UTC days), unless
 * an administrator opened or closed it by hand, which overrides the dates.
 */
export function waveState(wave: Pick<StoredWave, "opens" | "closes" | "state">, now: Date): WaveState {
  if (wave.state) return wave.state;
  const today = now.toISOString().slice(0, 10);
  if (today < wave.opens) return "upcoming";
  return today > wave.closes ? "closed" : "open";
}

/** The day a closed wave closed: when an administrator closed it early, else its last day; null while it is not closed. */
export function closedOn(wave: Pick<StoredWave, "opens" | "closes" | "state" | "closedOn">, now: Date): string | null {
  if (waveState(wave, now) !== "closed") return null;
  return wave.closedOn ?? wave.closes;
}

/**
 * What to record when an administrator sets a wave's state: closing a wave that is not
 * closed yet closes it today; closing a closed one keeps the day it closed; anything else
 * forgets it.
 */
export function closedOnAfter(before: Pick<StoredWave, "opens" | "closes" | "state" | "closedOn">, state: "open" | "closed" | null, now: Date): string | null {
  if (state !== "closed") return null;
  return waveState(before, now) === "closed" ? (before.closedOn ?? null) : now.toISOString().slice(0, 10);
}
