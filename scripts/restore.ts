/**
 * `npm run restore -- <file>`: bring a backup back as the database at
 * DATABASE_PATH (the server's default when unset). Refuses while a server holds
 * the database; the database it replaces is kept next to it.
 */
import { restoreDatabase } from "../api/store/backup.ts";
import { databaseFileCommand } from "./database-file-command.ts";

await databaseFileCommand("restore", async (file, database) => {
  const { replaced } = await restoreDatabase(file, database);
  return [`restored ${file} to ${database}`, ...(replaced ? [`the database it replaced is kept as ${replaced}`] : [])];
});
