/**
 * `npm run restore -- <file>`: bring a backup back as the database at
 * DATABASE_PATH (the server's default when unset). Refuses while a server holds
 * the database; the database it replaces is kept next to it.
 */
import { resolve } from "node:path";
import { DEFAULT_DATABASE_PATH } from "../api/server.ts";
import { restoreDatabase } from "../api/store/backup.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run restore -- <backup file>");
  process.exit(2);
}
const dbPath = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
try {
  const { replaced } = await restoreDatabase(resolve(file), dbPath);
  console.log(`restored ${resolve(file)} to ${dbPath}`);
  if (replaced) console.log(`the database it replaced is kept as ${replaced}`);
} catch (err) {
  console.error(`restore failed: ${(err as Error).message}`);
  process.exit(1);
}
