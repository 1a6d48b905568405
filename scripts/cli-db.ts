// Opens the database for a CLI script: PostgreSQL when DATABASE_URL is set, else the embedded PGlite
// directory with its lock, so a script refuses (exit 2) while the server holds the directory.
import { openDb, type DbHandle } from "@/db";
import { DataDirLockedError } from "@/db/lock";
import { env } from "@/lib/env";

export async function openCliDb(script: string): Promise<DbHandle> {
  try {
    return await openDb({ url: env().DATABASE_URL });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`[${script}] ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
}

export function runCli(script: string, main: () => Promise<number | void>) {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: unknown) => {
      console.error(`[${script}] ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
