/**
 * `npm run backup -- <file>`: a consistent online backup of the database at
 * DATABASE_PATH (the server's default when unset) into a new file, readable by its
 * owner only. Safe while the server runs.
 */
import { backupDatabase } from "../api/store/backup.ts";
import { databaseFileCommand } from "./database-file-command.ts";

await databaseFileCommand("backup", async (file, database) => {
  const { pages } = await backupDatabase(database, file);
  return [`backed up ${database} to ${file} (${pages} pages, integrity ok)`];
});
