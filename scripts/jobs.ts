// `npm run jobs`: the background jobs as a separate worker process, the same loop the server runs
// in-process. `--once` runs every due job once and exits (cron-style). On the embedded database the
// worker needs the directory lock, so it refuses while a server holds it.
import { openDb, type DbHandle } from "@/db";
import { DataDirLockedError } from "@/db/lock";
import { migrateDb } from "@/db/migrate";
import { env } from "@/lib/env";
import { JOBS } from "@/lib/jobs/registry";
import { ensureJobs, runDueJobs, workerId } from "@/lib/jobs/runner";

const TICK_MS = 5_000;

async function main() {
  const once = process.argv.includes("--once");
  let handle: DbHandle;
  try {
    handle = await openDb({ url: env().DATABASE_URL });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(
        `[jobs] ${e.message}\n[jobs] The server already runs the jobs in-process; a separate worker needs DATABASE_URL (PostgreSQL).`,
      );
      process.exit(2);
    }
    throw e;
  }
  await migrateDb(handle);
  await ensureJobs(handle.db, JOBS);
  const worker = workerId("worker");
  console.log(`[jobs] worker ${worker} on ${handle.driver}: ${JOBS.map((j) => j.name).join(", ")}`);

  let stopping = false;
  const stop = () => (stopping = true);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  do {
    for (const o of await runDueJobs(handle.db, JOBS, { worker }))
      console.log(`[jobs] ${o.job}: ${o.ok ? JSON.stringify(o.result) : `FAILED ${o.error}`}`);
    if (once) break;
    for (let waited = 0; waited < TICK_MS && !stopping; waited += 250) await new Promise((r) => setTimeout(r, 250));
  } while (!stopping);
  await handle.close();
}

main().catch((e) => {
  console.error(`[jobs] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
