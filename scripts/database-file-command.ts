import { resolve } from "node:path";
import { DEFAULT_DATABASE_PATH } from "../api/server.ts";

/**
 * The frame of `npm run backup` and `npm run restore`: the backup file named on the
 * command line (usage and exit 2 without one), the database at DATABASE_PATH (the
 * server's default when unset), what the step reports, and exit 1 with the reason
 * when it fails.
 */
export async function databaseFileCommand(name: "backup" | "restore", step: (file: string, database: string) => Promise<string[]>): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error(`usage: npm run ${name} -- <backup file>`);
    process.exit(2);
  }
  try {
    for (const line of await step(resolve(file), process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH)) console.log(line);
  } catch (err) {
    console.error(`${name} failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
