import { smallCall } from "../helpers/call-document.ts";

/** Path parameters that name things of the small call, for requests generated from the route table. */
export function smallCallParams(): Record<string, string> {
  const doc = smallCall();
  const wave = doc.waves[0]!.id;
  return { callId: doc.call.id, lotId: doc.lots[0]!.id, waveId: wave, fromWave: wave, toWave: wave, organisationId: "beta" };
}

/** A route's path with its `:name` parameters filled in; unnamed ones get `fallback`. */
export const fillPath = (path: string, values: Record<string, string>, fallback = "1"): string =>
  path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? fallback);
