// `npm run db:backup [-- --out file]`: dumps the embedded database (PGLITE_DIR, default .data/pglite) to a gzipped
// tar, by default backups/pglite-<time>.tar.gz. Stop the server first (exit 2 while it holds the directory).
// PostgreSQL: use pg_dump (docs/operations.md#backup-and-restore).
import path from "node:path";
import { defaultDataDir } from "@/db";
import { backupEmbedded } from "@/db/backup";
import { DataDirLockedError } from "@/db/lock";
import { env } from "@/lib/env";
import { runCli } from "./cli-db";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

runCli("db:backup", async () => {
  if (env().DATABASE_URL) {
    console.error("[db:backup] DATABASE_URL is set: back PostgreSQL up with pg_dump (docs/operations.md)");
    return 2;
  }
  const dataDir = defaultDataDir();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = arg("--out") ?? path.join(process.cwd(), "backups", `pglite-${stamp}.tar.gz`);
  try {
    const { bytes } = await backupEmbedded(dataDir, out);
    console.log(`[db:backup] ${dataDir} → ${out} (${(bytes / 1_048_576).toFixed(1)} MB)`);
    return 0;
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`[db:backup] ${e.message}`);
      return 2;
    }
    throw e;
  }
});
