import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * WCAG 2.1 AA checks with axe-core in the real browser. axe.min.js is evaluated in
 * the page through the DevTools protocol, which the page's content security policy
 * does not govern (a <script> tag would be refused).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/** The WCAG 2.1 A and AA violations axe-core finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary ?? "" })),
    }));
  }, WCAG_21_AA);
}

/** One readable block per violation: rule, help, then each element and what is wrong with it. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => [`${v.rule} (${v.impact}): ${v.help}`, ...v.nodes.map((n) => `  ${n.target}\n    ${n.summary.replace(/\n/g, "\n    ")}`)].join("\n"))
    .join("\n");
}

/** Assert that the page as it is now has no WCAG 2.1 AA violation; `what` names it in the failure. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations.length, `${what}: axe-core finds WCAG 2.1 AA violations:\n${describeViolations(violations)}`).toBe(0);
}

const LANGUAGE_KEY = "netwerkcirkel.language";

/**
 * Check the page in each language it offers: choose the language as the page's
 * language menu does (it is remembered in the browser), reload, wait for `ready`,
 * run axe-core. The page is left in the first language given.
 */
export async function expectAccessibleIn(
  page: Page,
  what: string,
  languages: readonly string[],
  ready: (page: Page) => Promise<unknown>,
): Promise<void> {
  const choose = async (lang: string) => {
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [LANGUAGE_KEY, lang]);
    await page.reload();
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.lang), `${what} in ${lang}`).toBe(lang);
  };
  for (const lang of languages) {
    await choose(lang);
    await expectAccessible(page, `${what} [${lang}]`);
  }
  if (languages.length > 1) await choose(languages[0]!);
}

export const STAFF_LANGUAGES = ["nl", "en"] as const;
export const RESPONDENT_LANGUAGES = ["nl", "en", "fr", "de"] as const;
