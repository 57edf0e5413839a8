import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import pixelmatch from "pixelmatch";
import type { Locator, Page } from "playwright-core";
import { PNG } from "pngjs";
import { expect } from "vitest";

/**
 * Reference screenshots. A normal run writes each screenshot to the git-ignored
 * test-results/screenshots/ and compares it with the reference of the same name in
 * tests/screenshots/; `UPDATE_SCREENSHOTS=1 npm test` writes the references instead,
 * after a person has looked at the new pictures.
 */
const UPDATE = Boolean(process.env.UPDATE_SCREENSHOTS);
const REFERENCES = resolve(import.meta.dirname, "../screenshots");
const RESULTS = resolve(import.meta.dirname, "../../test-results/screenshots");
export const SCREENSHOTS = UPDATE ? REFERENCES : RESULTS;
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * How unlike its reference a screenshot may be: the share of pixels pixelmatch finds
 * different (each pixel with its own colour tolerance, anti-aliasing ignored). Enough
 * for a date or a count that differs between runs; a moved, missing or restyled part
 * of the page is more.
 */
export const TOLERANCE = 0.015;

/**
 * Take a screenshot of a page or an element and compare it with its reference.
 * `mask` covers what differs by nature from run to run (WebGL drawings, random
 * links) with a flat box in both.
 */
export async function expectLikeReference(target: Page | Locator, name: string, opts: { mask?: Locator[]; fullPage?: boolean } = {}): Promise<void> {
  const file = `${name}.png`;
  const shot = await target.screenshot({
    path: resolve(SCREENSHOTS, file),
    animations: "disabled",
    caret: "hide",
    ...(opts.mask && { mask: opts.mask, maskColor: "#ff00ff" }),
    ...(opts.fullPage && { fullPage: true }),
  });
  if (UPDATE) return;
  const reference = resolve(REFERENCES, file);
  expect(existsSync(reference), `no reference for ${file}: look at test-results/screenshots/${file}, then UPDATE_SCREENSHOTS=1`).toBe(true);
  const { share, diff } = unlikeReference(shot, readFileSync(reference));
  if (share > TOLERANCE) writeFileSync(resolve(RESULTS, `${name}.diff.png`), diff);
  expect(share, `${file} differs from its reference (see test-results/screenshots/${name}.diff.png; after looking, UPDATE_SCREENSHOTS=1 refreshes it)`).toBeLessThanOrEqual(TOLERANCE);
}

/** The share of pixels of a screenshot unlike its reference (1 when the sizes differ), and a picture of where. */
export function unlikeReference(shot: Buffer, reference: Buffer): { share: number; diff: Buffer } {
  const a = PNG.sync.read(reference);
  const b = PNG.sync.read(shot);
  if (a.width !== b.width || a.height !== b.height) return { share: 1, diff: shot };
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  return { share: differing / (a.width * a.height), diff: PNG.sync.write(diff) };
}
