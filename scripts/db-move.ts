// `npm run db:move -- --to postgres://…`: copies the embedded database (PGLITE_DIR, default .data/pglite) to an
// empty PostgreSQL database, migrated first; verifies row counts per table and the invariants on the target.
// Stop the server first: the embedded directory takes one process (exit 2 while it runs).
import { defaultDataDir, openDb } from "@/db";
import { DataDirLockedError } from "@/db/lock";
import { MoveRefused, moveToPostgres } from "@/db/move";
import { runCli } from "./cli-db";

function targetUrl(): string {
  const i = process.argv.indexOf("--to");
  const url = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith("--to="))?.slice(5);
  if (!url || !/^postgres(ql)?:\/\/./.test(url) || !URL.canParse(url)) {
    console.error("[db:move] usage: npm run db:move -- --to postgres://user:password@host:5432/database");
    process.exit(2);
  }
  return url;
}

runCli("db:move", async () => {
  const to = targetUrl();
  const dataDir = defaultDataDir();
  let source;
  try {
    source = await openDb({ dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`[db:move] ${e.message}`);
      return 2;
    }
    throw e;
  }
  try {
    console.log(`[db:move] ${dataDir} → ${new URL(to).host}${new URL(to).pathname}`);
    const report = await moveToPostgres(source, to, (line) => console.log(`[db:move] ${line}`));
    const diff = report.tables.filter((t) => t.source !== t.target);
    if (diff.length || report.violations) {
      console.error(`[db:move] FAILED: ${diff.length} table(s) differ, ${report.violations} invariant violation(s)`);
      return 1;
    }
    const rows = report.tables.reduce((a, t) => a + t.source, 0);
    console.log(`[db:move] done: ${report.tables.length} tables, ${rows} rows. Start with DATABASE_URL=<the target>.`);
    return 0;
  } catch (e) {
    if (e instanceof MoveRefused) {
      console.error(`[db:move] refused: ${e.message}`);
      return 3;
    }
    throw e;
  } finally {
    await source.close();
  }
});
