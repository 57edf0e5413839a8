import type { StoredWave } from "../store/call-store.ts";

export type WaveState = "upcoming" | "open" | "closed";

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
