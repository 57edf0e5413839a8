/**
 * `npm run backup -- <file>`: a consistent online backup of the database at
 * DATABASE_PATH (the server's default when unset) into a new file, readable by its
 * owner only. Safe while the server runs.
 */
import { resolve } from "node:path";
import { DEFAULT_DATABASE_PATH } from "../api/server.ts";
import { backupDatabase } from "../api/store/backup.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run backup -- <backup file>");
  process.exit(2);
}
const dbPath = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
try {
  const { pages } = await backupDatabase(dbPath, resolve(file));
  console.log(`backed up ${dbPath} to ${resolve(file)} (${pages} pages, integrity ok)`);
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
