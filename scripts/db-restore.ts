// `npm run db:restore -- --from file [--replace]`: restores a `db:backup` dump into the embedded database's
// directory (PGLITE_DIR, default .data/pglite). A database already there is refused unless --replace, which
// renames it to <dir>.replaced-<time> (nothing is deleted). Stop the server first (exit 2 while it runs).
import fs from "node:fs";
import { defaultDataDir } from "@/db";
import { restoreEmbedded } from "@/db/backup";
import { DataDirLockedError } from "@/db/lock";
import { runCli } from "./cli-db";

runCli("db:restore", async () => {
  const i = process.argv.indexOf("--from");
  const file = i >= 0 ? process.argv[i + 1] : undefined;
  if (!file || !fs.existsSync(file)) {
    console.error("[db:restore] usage: npm run db:restore -- --from backups/pglite-<time>.tar.gz [--replace]");
    return 2;
  }
  const dataDir = defaultDataDir();
  try {
    const { replaced } = await restoreEmbedded(file, dataDir, { replace: process.argv.includes("--replace") });
    if (replaced) console.log(`[db:restore] the database that was there is kept at ${replaced}`);
    console.log(`[db:restore] ${file} → ${dataDir}; the next start migrates it if it is older than the app`);
    return 0;
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`[db:restore] ${e.message}`);
      return 2;
    }
    throw e;
  }
});
