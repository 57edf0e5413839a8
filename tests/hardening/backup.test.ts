import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonical, DURING_WAVE, smallCall } from "../helpers/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { inviteAll } from "./child-server.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** `npm run backup|restore -- <file>` as the operator runs it, against DATABASE_PATH. */
async function script(name: "backup" | "restore", file: string, dbPath: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", `scripts/${name}.ts`, file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: dbPath },
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** Every call the server holds, exported as call documents in canonical order. */
async function exports(s: TestServer): Promise<unknown[]> {
  const { body } = await s.api("GET", "/api/calls");
  const docs = [];
  for (const c of body.calls as Array<{ id: string }>) docs.push(canonical((await s.api("GET", `/api/calls/${c.id}/export?format=json`)).body));
  return docs;
}

// Every test runs the scripts as separate processes, each starting TypeScript afresh.
describe("backup and restore", { timeout: 120_000 }, () => {
  let dir: string;
  const servers: TestServer[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-backup-"));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (dbPath: string, demo = false) => {
    const s = await startTestServer({ dbPath, demo, now: DURING_WAVE });
    servers.push(s);
    return s;
  };

  it("backs up a running server while circles are written, and a fresh server restored from it exports the same calls", async () => {
    const live = await start(join(dir, "live.db"), true);
    expect((await live.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
    const tokens = await inviteAll(live, "t-call-w1");

    // Respondents keep saving while the first backup is taken.
    let writing = true;
    let saves = 0;
    const stream = (async () => {
      for (let n = 0; writing; n++) {
        const [org, token] = [...tokens][n % tokens.size]!;
        const partner = org === "alpha" ? "beta" : "alpha";
        const res = await live.api("PUT", "/api/my/circle", { token, body: { ties: [{ partner, forms: { information: (n % 4) + 1 } }] } });
        expect(res.status).toBe(200);
        saves++;
      }
    })();
    while (saves < 20) await new Promise((r) => setTimeout(r, 5));
    const during = join(dir, "during.db");
    const first = await script("backup", during, live.dbPath);
    writing = false;
    await stream;
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/integrity ok/);
    // Confidential data: only the owner may read the backup.
    expect(statSync(during).mode & 0o777).toBe(0o600);
    // One self-contained file: nothing beside it to forget when it is moved off the machine.
    expect(readdirSync(dir).filter((f) => f.startsWith("during.db"))).toEqual(["during.db"]);

    // The copy is one consistent moment: whole versions only, numbered without gaps.
    const copy = new Database(during, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const counts = copy.prepare<[], { n: number; top: number }>("SELECT COUNT(*) AS n, MAX(version) AS top FROM circle_versions GROUP BY wave_id, respondent_id").all();
    for (const { n, top } of counts) expect(top).toBe(n);
    expect(copy.prepare("SELECT COUNT(*) AS n FROM circle_versions v WHERE NOT EXISTS (SELECT 1 FROM ties t WHERE t.version_id = v.id)").get()).toEqual({ n: 0 });
    copy.close();

    // With the writes over, a second backup restored into a fresh server gives back every call document.
    const quiet = join(dir, "quiet.db");
    expect((await script("backup", quiet, live.dbPath)).code).toBe(0);
    const again = await script("backup", quiet, live.dbPath);
    expect(again.code, "a backup never overwrites a file").toBe(1);
    expect(again.output).toMatch(/backup failed/);

    const restoredPath = join(dir, "restored", "netwerkcirkel.db");
    const restore = await script("restore", quiet, restoredPath);
    expect(restore.code, restore.output).toBe(0);
    const restored = await start(restoredPath);
    const original = await exports(live);
    expect(original.length).toBe(2);
    expect(await exports(restored)).toEqual(original);
    expect(restored.store.circles.countVersions()).toBe(live.store.circles.countVersions());
  });

  it("refuses to restore over a database a running server holds, and keeps the database it replaces", async () => {
    const live = await start(join(dir, "live.db"), true);
    const backup = join(dir, "demo-backup.db");
    expect((await script("backup", backup, live.dbPath)).code).toBe(0);
    expect((await live.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);

    const refused = await script("restore", backup, live.dbPath);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/in use \(stop the server first\)/);
    expect((await live.api("GET", "/api/calls")).body.calls).toHaveLength(2);
    const after = await exports(live);

    await live.stop();
    servers.splice(servers.indexOf(live), 1);
    const restore = await script("restore", backup, live.dbPath);
    expect(restore.code, restore.output).toBe(0);
    const kept = readdirSync(dir).filter((f) => f.startsWith("live.db.before-restore-"));
    expect(kept).toHaveLength(1);
    expect(existsSync(`${live.dbPath}-wal`)).toBe(false);

    const back = await start(live.dbPath);
    expect((await back.api("GET", "/api/calls")).body.calls.map((c: { id: string }) => c.id)).toEqual(["cc-2023"]);
    // The replaced database is whole: started on its own, it still holds both calls.
    const old = await start(join(dir, kept[0]!));
    expect(await exports(old)).toEqual(after);
  });

  it("refuses a file that is not a sound database of this service", async () => {
    const notADatabase = join(dir, "notes.db");
    const other = new Database(notADatabase);
    other.exec("CREATE TABLE notes (text TEXT)");
    other.close();
    const res = await script("restore", notADatabase, join(dir, "target.db"));
    expect(res.code).toBe(1);
    expect(res.output).toMatch(/not a backup this version can restore/);
    expect(existsSync(join(dir, "target.db"))).toBe(false);
  });
});
