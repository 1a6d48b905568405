import fs from "node:fs";
import path from "node:path";
import { acquireDirLock } from "./lock";

/**
 * Backup and restore of the embedded database: PGlite's own data-directory dump (a gzipped tar of the whole
 * directory, `dumpDataDir`), taken with the directory's lock so the server cannot write meanwhile
 * (docs/operations.md#backup-and-restore). PostgreSQL is backed up with pg_dump instead.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`no embedded database at ${dataDir}`);
  const release = acquireDirLock(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(dataDir);
    try {
      await db.waitReady; // dumpDataDir on a database still starting never answers
      const dump = await db.dumpDataDir("gzip");
      const data = Buffer.from(await dump.arrayBuffer());
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      // Written beside the target and renamed, so a failed backup never leaves half a file under its name.
      fs.writeFileSync(`${file}.partial`, data, { mode: 0o600 });
      fs.renameSync(`${file}.partial`, file);
      return { bytes: data.length };
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

/**
 * Restores a dump into `dataDir`. An existing database there is kept, renamed to `<dir>.replaced-<time>`, and only
 * when `replace` is set; otherwise the restore is refused.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  opts: { replace?: boolean } = {},
): Promise<{ replaced?: string }> {
  const data = fs.readFileSync(file);
  const release = acquireDirLock(dataDir);
  try {
    let replaced: string | undefined;
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      if (!opts.replace)
        throw new Error(`${dataDir} already holds a database: pass --replace to set it aside and restore over it`);
      replaced = `${dataDir}.replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      fs.renameSync(dataDir, replaced);
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(dataDir, { loadDataDir: new Blob([data]) });
    try {
      // A dump that does not load fails here, before anyone uses the directory.
      await db.query("select 1");
    } finally {
      await db.close();
    }
    return { replaced };
  } finally {
    release();
  }
}
