import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { toGexf } from "../api/exports/gexf.ts";
import { lotNetwork } from "../api/exports/lot-network.ts";
import { MetricsService } from "../api/metrics/metrics-service.ts";
import { validateCallDocument } from "../api/schema/call-rules.ts";
import { Store } from "../api/store/store.ts";

/**
 * A small lot exported as GEXF, committed in tests/fixtures/exports/ so that the
 * fixtures script can read it with NetworkX while the tests stay free of Python:
 * a star whose effective sizes are all whole numbers (still declared double), a
 * silent member, an isolate, a tie outside the lot and names XML must escape, in a
 * wave that asks the desired situation and the channels (a wish without forms too).
 */
export const SAMPLE_DIR = resolve(import.meta.dirname, "../tests/fixtures/exports");
export const SAMPLE_GEXF = join(SAMPLE_DIR, "sample-lot.gexf");

export function sampleGexf(): string {
  const doc = validateCallDocument(JSON.parse(readFileSync(join(SAMPLE_DIR, "sample-call.json"), "utf8")));
  if (!doc.ok) throw new Error(`the sample call is invalid: ${JSON.stringify(doc.problems)}`);
  const dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-sample-"));
  const store = Store.open(join(dir, "sample.db"));
  try {
    store.importCall(doc.value, new Date("2025-04-01T00:00:00Z"));
    const graph = lotNetwork(store, new MetricsService(store), "sample-lot", "sample-wave", { layer: "all", missing: "observed", outside: true });
    return toGexf(graph);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
