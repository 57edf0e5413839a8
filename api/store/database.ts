import Database from "better-sqlite3";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations.ts";

export type Db = Database.Database;

/** The database and the files SQLite keeps beside it; all hold confidential answers. */
const SIDE_FILES = ["", "-wal", "-shm", "-journal"];

/**
 * Open (or create) the database file, set it up for a server and bring its schema
 * up to date. The file is created readable by its owner only; SQLite gives its WAL
 * and shared-memory files the database's mode, and files of an older start are
 * brought down to that mode too.
 */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
    for (const suffix of SIDE_FILES) if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
  }
  const db = new Database(path);
  // WAL lets readers work while a circle is written; FULL sync makes every acknowledged
  // commit survive a crash of the process or of the machine.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const done = db.pragma("user_version", { simple: true }) as number;
  for (let i = done; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!.sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
