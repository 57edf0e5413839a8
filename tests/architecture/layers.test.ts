import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of CONTRIBUTING.md, checked on the source text: only the store holds
 * SQL or opens a transaction (a domain module that needs several store calls to
 * succeed together asks the store to run them `atomically`), domain modules know nothing of HTTP, the store depends on no
 * domain module, and the browser takes its wire types from `api/schema/`, never from
 * the store.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const DOMAIN = ["access", "analysis", "calls", "circles", "composition", "exports", "interviews", "layout", "mail", "metrics", "reports", "staff"];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The repository paths a file imports (type imports too), resolved against the file. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) =>
    relative(ROOT, resolve(dirname(join(ROOT, file)), m[1] ?? m[2]!)),
  );
}

/** Lines that hold SQL or run a statement or transaction: what only `api/store/` may do. */
function sqlLines(file: string): string[] {
  const sql = /\.prepare\s*[<(]|\.transaction\s*\(|\.exec\s*\(\s*["'`]|\.pragma\s*\(|["'`]\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|BEGIN|WITH)\s[^"'`]*\b(?:FROM|INTO|SET|TABLE|INDEX|JOIN|WHERE|VALUES|TRANSACTION)\b/i;
  return readFileSync(join(ROOT, file), "utf8")
    .split("\n")
    .flatMap((line, i) => (sql.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe("the layers", () => {
  it("finds the files it checks, and its SQL check finds SQL where there is some", () => {
    expect(sources("api/http").length).toBeGreaterThan(10);
    expect(sources("viz").length).toBeGreaterThan(30);
    expect(sqlLines("api/store/call-store.ts").length).toBeGreaterThan(10);
  });

  it("no file outside api/store/ holds SQL, prepares a statement or opens a transaction", () => {
    const outside = sources("api").filter((f) => !f.startsWith("api/store/"));
    expect(outside.length).toBeGreaterThan(100);
    expect(outside.flatMap(sqlLines)).toEqual([]);
  });

  it("no file under viz/ imports from api/store/", () => {
    const found = sources("viz").flatMap((f) => importsOf(f).filter((i) => i.startsWith("api/store/")).map((i) => `${f} → ${i}`));
    expect(found).toEqual([]);
  });

  it("domain modules import nothing of HTTP; the store and the schemas import no domain module but its zod shapes", () => {
    const http = DOMAIN.flatMap((d) => sources(`api/${d}`)).flatMap((f) => {
      const text = readFileSync(join(ROOT, f), "utf8");
      const imports = importsOf(f).filter((i) => i.startsWith("api/http/"));
      return [...imports, ...(/from\s+["']express["']/.test(text) ? ["express"] : [])].map((i) => `${f} → ${i}`);
    });
    expect(http).toEqual([]);
    // A domain's `*-schema.ts` holds only zod shapes (of its figures, of staff accounts), no logic.
    const shapes = (i: string) => /-schema\.ts$/.test(i) && importsOf(i).every((j) => j.startsWith("api/schema/"));
    const upwards = [...sources("api/store"), ...sources("api/schema")].flatMap((f) =>
      importsOf(f)
        .filter((i) => (DOMAIN.some((d) => i.startsWith(`api/${d}/`)) && !shapes(i)) || i.startsWith("api/http/"))
        .map((i) => `${f} → ${i}`),
    );
    expect(upwards).toEqual([]);
  });
});
