// `npm run db:reset`: empties the database, migrates and seeds the demo data. On PostgreSQL it drops the
// public and drizzle schemas, so it asks for `--yes`; on the embedded database it deletes the directory
// (after taking its lock, so never under a running server).
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { defaultDataDir, openDb } from "@/db";
import { acquireDirLock } from "@/db/lock";
import { migrateDb } from "@/db/migrate";
import { demoLoginBanner, seedDemo } from "@/db/seed";
import { env } from "@/lib/env";
import { openCliDb, runCli } from "./cli-db";
import { DataDirLockedError } from "@/db/lock";

runCli("db:reset", async () => {
  const url = env().DATABASE_URL;
  if (url) {
    if (!process.argv.includes("--yes")) {
      console.error("[db:reset] This drops every table of DATABASE_URL. Run again with --yes to confirm.");
      return 1;
    }
    const handle = await openCliDb("db:reset");
    await handle.db.execute(sql`drop schema if exists drizzle cascade`);
    await handle.db.execute(sql`drop schema public cascade`);
    await handle.db.execute(sql`create schema public`);
    await handle.close();
  } else {
    const dir = defaultDataDir();
    try {
      acquireDirLock(dir);
    } catch (e) {
      if (e instanceof DataDirLockedError) {
        console.error(`[db:reset] ${e.message}`);
        return 2;
      }
      throw e;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const handle = url ? await openCliDb("db:reset") : await openDb({ dataDir: defaultDataDir() });
  await migrateDb(handle);
  await seedDemo(handle.db);
  console.log(`[db:reset] database reset and demo data loaded (${handle.driver})`);
  console.log(demoLoginBanner());
  await handle.close();
});
