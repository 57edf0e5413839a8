import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The message catalogues against English and against the code: every language a page
 * offers has the same keys and the same {{placeholders}} per key as English, and every
 * literal key the code asks for exists.
 */

const VIZ = resolve(import.meta.dirname, "../../viz");
const I18N = resolve(VIZ, "i18n");
type Catalogue = Map<string, Set<string>>; // key without plural suffix -> placeholders

// Which languages each namespace must offer: staff pages nl+en; circle page and report in all four.
const OFFERED: Record<string, string[]> = {
  common: ["nl", "en", "fr", "de"],
  circle: ["nl", "en", "fr", "de"],
  desired: ["nl", "en", "fr", "de"],
  report: ["nl", "en", "fr", "de"],
  admin: ["nl", "en"],
  workspace: ["nl", "en"],
  "desired-view": ["nl", "en"],
  compose: ["nl", "en"],
  mail: ["nl", "en", "fr", "de"],
  interview: ["nl", "en"],
  staff: ["nl", "en"],
};

// The staff navigation lives in common but only staff pages (nl+en) show it.
const STAFF_ONLY = /^staffNav\./;
const offers = (lang: string, ns: string, key: string) => OFFERED[ns]!.includes(lang) && !(ns === "common" && STAFF_ONLY.test(key) && !OFFERED.admin!.includes(lang));

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix: string, out: Catalogue): void {
  if (typeof value === "string") {
    const key = prefix.replace(PLURAL, "");
    const names = out.get(key) ?? new Set<string>();
    for (const m of value.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)) names.add(m[1]!);
    out.set(key, names);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
}

function catalogue(lang: string, ns: string): Catalogue | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(I18N, lang, `${ns}.json`), "utf8");
  } catch {
    return undefined;
  }
  const out: Catalogue = new Map();
  flatten(JSON.parse(text), "", out);
  return out;
}

describe("message catalogues", () => {
  it("lists every namespace there is", () => {
    expect(readdirSync(resolve(I18N, "en")).map((f) => f.replace(/\.json$/, "")).sort()).toEqual(Object.keys(OFFERED).sort());
  });

  for (const [ns, languages] of Object.entries(OFFERED)) {
    for (const lang of languages.filter((l) => l !== "en")) {
      it(`${lang}/${ns} has English's keys and placeholders`, () => {
        const en = new Map([...catalogue("en", ns)!].filter(([key]) => offers(lang, ns, key)));
        const other = catalogue(lang, ns);
        expect(other, `${lang}/${ns}.json exists`).toBeDefined();
        expect([...other!.keys()].filter((k) => !en.has(k)), "keys English lacks").toEqual([]);
        expect([...en.keys()].filter((k) => !other!.has(k)), "keys missing").toEqual([]);
        const differing = [...en].flatMap(([key, names]) => {
          const theirs = other!.get(key);
          if (!theirs) return [];
          const a = [...names].sort().join(",");
          const b = [...theirs].sort().join(",");
          return a === b ? [] : [`${key}: {{${b}}} instead of {{${a}}}`];
        });
        expect(differing, "placeholders").toEqual([]);
      });
    }
  }

  it("has every literal key the code uses", () => {
    // A file's own namespace: the one its page starts with, else its folder's. A shared
    // module that is handed a page's `t` looks its keys up in the namespaces of the pages importing it.
    const FOLDER_NS: Record<string, string> = { admin: "admin", circle: "circle", compose: "compose", workspace: "workspace", interviews: "interview", shared: "common" };
    const sources = readdirSync(VIZ, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const text = new Map(sources.map((f) => [f, readFileSync(resolve(VIZ, f), "utf8")]));
    const folderNs = (file: string) => FOLDER_NS[file.split("/")[0]!]!;
    const namespacesOf = (file: string): string[] => {
      const started = /(?:initI18n|startStaffPage)\(\s*\["([\w-]+)"/.exec(text.get(file)!)?.[1];
      if (started) return [started];
      if (!file.startsWith("shared/")) return [folderNs(file)];
      const module = file.replace(/^shared\//, "").replace(/\.ts$/, "");
      const importers = sources.filter((f) => !f.startsWith("shared/") && text.get(f)!.includes(`shared/${module}.ts"`));
      const namespaces = [...new Set(importers.map(folderNs))];
      return namespaces.length ? namespaces : ["common"];
    };
    const missing: string[] = [];
    let checked = 0;
    for (const file of sources) {
      for (const m of text.get(file)!.matchAll(/\bt\(\s*"([^"]+)"/g)) {
        const literal = m[1]!;
        const [prefix, key] = literal.includes(":") ? literal.split(":") : [null, literal];
        for (const ns of prefix ? [prefix] : namespacesOf(file)) {
          checked++;
          expect(OFFERED[ns], `namespace of ${literal} in ${file}`).toBeDefined();
          for (const lang of OFFERED[ns]!.filter((l) => offers(l, ns, key!))) {
            if (!catalogue(lang, ns)?.has(key!)) missing.push(`${file}: ${lang}/${ns}:${key}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
