import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Where browser tests write the screenshots a person looks at. A normal run writes
 * them to the git-ignored test-results/; `UPDATE_SCREENSHOTS=1 npm test` refreshes
 * the reference images kept in tests/screenshots/.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? resolve(import.meta.dirname, "../screenshots")
  : resolve(import.meta.dirname, "../../test-results/screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });
