import type { CallWarning } from "../schema/answers.ts";
import { callWarnings } from "./call-warnings.ts";
import { validateCallDocument } from "../schema/call-rules.ts";
import { ConflictError, type Problem } from "../schema/problems.ts";
import type { Store } from "../store/store.ts";

export type ImportPreview =
  | { valid: true; problems: []; warnings: CallWarning[]; counts: { organisations: number; lots: number; waves: number; circles: number } }
  | { valid: false; problems: Problem[] };

/**
 * What importing a call document would do, without writing it: every rule problem
 * with its path, or the conflicts with stored data, found by rehearsing the real
 * import and rolling it back, so the preview and the import cannot disagree.
 */
export function previewImport(store: Store, body: unknown, now: Date): ImportPreview {
  const parsed = validateCallDocument(body);
  if (!parsed.ok) return { valid: false, problems: parsed.problems };
  try {
    store.callEdits.rehearse(() => store.importCall(parsed.value, now));
  } catch (err) {
    if (err instanceof ConflictError) return { valid: false, problems: err.problems };
    throw err;
  }
  const d = parsed.value;
  return {
    valid: true,
    problems: [],
    warnings: callWarnings(d),
    counts: { organisations: d.organisations.length, lots: d.lots.length, waves: d.waves.length, circles: d.circles.length },
  };
}
