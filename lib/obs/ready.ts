import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDbHandle, rowsOf } from "@/db";
import { schedulerStatus } from "@/lib/jobs/scheduler";

/** A scheduler that has not ticked for this long is reported as stalled (it ticks every 5 s). */
const STALLED_MS = 60_000;

export interface Readiness {
  ready: boolean;
  checks: { database: string; migrations: string; jobs: string };
}

/** The committed migrations (drizzle/meta/_journal.json): their count and the newest one's timestamp. */
function committedMigrations(): { count: number; latest: number } {
  const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), "drizzle", "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return { count: journal.entries.length, latest: Math.max(0, ...journal.entries.map((e) => e.when)) };
}

export async function readiness(): Promise<Readiness> {
  const checks = { database: "ok", migrations: "ok", jobs: "ok" };
  try {
    const { db } = await getDbHandle();
    await db.execute(sql`select 1`);
    try {
      const applied = rowsOf<{ n: string | number; latest: string | number | null }>(
        await db.execute(sql`select count(*) as n, max(created_at) as latest from drizzle.__drizzle_migrations`),
      )[0];
      const want = committedMigrations();
      if (Number(applied.latest ?? 0) < want.latest)
        checks.migrations = `pending: ${want.count - Number(applied.n)} of ${want.count} not applied`;
    } catch {
      checks.migrations = "not applied (no migrations table)";
    }
  } catch {
    checks.database = "unreachable";
    checks.migrations = "unknown";
  }
  const jobs = schedulerStatus();
  if (jobs.state === "off") checks.jobs = "off in this process (JOBS=off)";
  else if (jobs.state === "not started") checks.jobs = "not started";
  else if (jobs.lastTickAt === null || Date.now() - jobs.lastTickAt > STALLED_MS)
    checks.jobs = `stalled: no tick for over ${STALLED_MS / 1000} s`;
  const ready =
    checks.database === "ok" && checks.migrations === "ok" && (checks.jobs === "ok" || jobs.state === "off");
  return { ready, checks };
}
