import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { jobRuns, jobs } from "@/db/schema";
import { JOBS } from "./registry";

export type JobRow = typeof jobs.$inferSelect & { description: string; registered: boolean };
export type JobRunRow = typeof jobRuns.$inferSelect;

/** Every job with its schedule and last outcome, in registry order (rows of retired jobs last). */
export async function listJobs(db: DbOrTx): Promise<JobRow[]> {
  const rows = new Map((await db.select().from(jobs)).map((r) => [r.name, r]));
  const known = JOBS.map((d) => {
    const r = rows.get(d.name);
    rows.delete(d.name);
    return {
      name: d.name,
      intervalSeconds: d.intervalSeconds,
      nextRunAt: r?.nextRunAt ?? new Date(0),
      lockedUntil: r?.lockedUntil ?? null,
      lastStartedAt: r?.lastStartedAt ?? null,
      lastFinishedAt: r?.lastFinishedAt ?? null,
      lastOk: r?.lastOk ?? null,
      lastResult: r?.lastResult ?? null,
      lastError: r?.lastError ?? null,
      description: d.description,
      registered: true,
    };
  });
  return [
    ...known,
    ...[...rows.values()].map((r) => ({ ...r, description: "No longer registered", registered: false })),
  ];
}

export async function listJobRuns(db: DbOrTx, opts: { job?: string; limit?: number } = {}): Promise<JobRunRow[]> {
  return db
    .select()
    .from(jobRuns)
    .where(opts.job ? eq(jobRuns.job, opts.job) : undefined)
    .orderBy(desc(jobRuns.startedAt))
    .limit(Math.min(opts.limit ?? 50, 200));
}
