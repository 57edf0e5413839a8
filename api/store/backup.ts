import Database from "better-sqlite3";
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations.ts";

/** Copy the whole database in one step of the backup API: one read transaction, so one consistent moment. */
const ALL_PAGES = 0x7fffffff;

/**
 * Create `file` empty and readable by its owner only (the data are confidential),
 * refusing to overwrite anything that exists.
 */
function createPrivateFile(file: string): void {
  closeSync(openSync(file, "wx", 0o600));
}

function checkIntegrity(db: Database.Database, what: string): void {
  const result = db.pragma("integrity_check", { simple: true });
  if (result !== "ok") throw new Error(`${what} fails its integrity check: ${String(result)}`);
}

/**
 * An online backup of the database at `dbPath` into a new file, with SQLite's
 * backup API, while the server keeps running: WAL mode lets this read-only
 * connection read a consistent snapshot while circles are being written.
 */
export async function backupDatabase(dbPath: string, file: string): Promise<{ pages: number }> {
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    createPrivateFile(file);
    try {
      const { totalPages } = await source.backup(file, { progress: () => ALL_PAGES });
      const copy = new Database(file);
      try {
        // One self-contained file: out of WAL mode, nothing to keep beside it.
        copy.pragma("journal_mode = DELETE");
        checkIntegrity(copy, "the backup");
      } finally {
        copy.close();
      }
      return { pages: totalPages };
    } catch (err) {
      rmSync(file, { force: true });
      throw err;
    }
  } finally {
    source.close();
  }
}

/**
 * Bring a backup back as the database at `dbPath`.
 *
 * The database must not be in use: restoring under a running server would leave it
 * serving from a file replaced beneath it, with stale cached figures, and writes it
 * acknowledged would silently vanish. So the restore takes the database out of WAL
 * mode first, which SQLite allows only to the sole connection; when that fails a
 * server holds it, and nothing is touched. The replaced database is not deleted: it
 * is kept next to it as `<dbPath>.before-restore-<time>`, whole (its WAL folded in).
 */
export async function restoreDatabase(file: string, dbPath: string): Promise<{ replaced?: string }> {
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkIntegrity(backup, `the backup ${file}`);
    const version = backup.pragma("user_version", { simple: true }) as number;
    if (version < 1 || version > MIGRATIONS.length) {
      throw new Error(`${file} is not a backup this version can restore (schema ${version}, this version knows 1-${MIGRATIONS.length})`);
    }

    let replaced: string | undefined;
    mkdirSync(dirname(dbPath), { recursive: true });
    if (existsSync(dbPath)) {
      const current = new Database(dbPath, { fileMustExist: true, timeout: 0 });
      try {
        const mode = current.pragma("journal_mode = DELETE", { simple: true });
        if (mode !== "delete") throw new Error(`journal mode stayed ${String(mode)}`);
      } catch (err) {
        throw new Error(`${dbPath} is in use (stop the server first): ${(err as Error).message}`);
      } finally {
        current.close();
      }
      replaced = `${dbPath}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(dbPath, replaced);
    }
    // Nothing of the old database may stay behind for SQLite to replay into the new one.
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(dbPath + suffix, { force: true });

    const restoring = `${dbPath}.restoring`;
    rmSync(restoring, { force: true });
    createPrivateFile(restoring);
    await backup.backup(restoring, { progress: () => ALL_PAGES });
    renameSync(restoring, dbPath);
    return replaced === undefined ? {} : { replaced };
  } finally {
    backup.close();
  }
}
