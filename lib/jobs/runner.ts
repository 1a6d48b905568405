import "server-only";
import os from "node:os";
import { and, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { jobRuns, jobs } from "@/db/schema";

export interface JobContext {
  now: Date;
  worker: string;
}

export interface JobDefinition {
  name: string;
  description: string;
  intervalSeconds: number;
  run: (db: Db, ctx: JobContext) => Promise<Record<string, unknown>>;
}

export interface JobRunOutcome {
  job: string;
  ok: boolean;
  result: Record<string, unknown> | null;
  error: string | null;
}

/** A claimed job stays locked this long; a worker that dies mid-run frees it when the lease ends. */
const LEASE_MS = 5 * 60_000;

export const workerId = (role: string) => `${role}@${os.hostname()}:${process.pid}`;

/** Makes sure every job has its row (intervals follow the code; schedules already set are kept). */
export async function ensureJobs(db: Db, defs: readonly JobDefinition[]): Promise<void> {
  if (defs.length === 0) return;
  await db
    .insert(jobs)
    .values(defs.map((d) => ({ name: d.name, intervalSeconds: d.intervalSeconds })))
    .onConflictDoUpdate({ target: jobs.name, set: { intervalSeconds: sql`excluded.interval_seconds` } });
}

/**
 * Claims one due run with a single guarded UPDATE: only one of several instances gets the row back,
 * the others see zero rows and skip it.
 */
export async function claimJob(db: Db, name: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), lastStartedAt: now })
    .where(and(eq(jobs.name, name), lte(jobs.nextRunAt, now), or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now))))
    .returning({ name: jobs.name });
  return rows.length === 1;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Claims and runs one job if it is due; records the run in job_runs and on the jobs row. */
export async function runJobIfDue(db: Db, def: JobDefinition, ctx: JobContext): Promise<JobRunOutcome | null> {
  if (!(await claimJob(db, def.name, ctx.now))) return null;
  const started = Date.now();
  const [run] = await db
    .insert(jobRuns)
    .values({ job: def.name, startedAt: ctx.now, worker: ctx.worker })
    .returning({ id: jobRuns.id });
  let outcome: JobRunOutcome;
  try {
    outcome = { job: def.name, ok: true, result: await def.run(db, ctx), error: null };
  } catch (e) {
    outcome = { job: def.name, ok: false, result: null, error: message(e) };
  }
  const finishedAt = new Date(ctx.now.getTime() + (Date.now() - started));
  await db
    .update(jobRuns)
    .set({ finishedAt, ok: outcome.ok, result: outcome.result, error: outcome.error })
    .where(eq(jobRuns.id, run.id));
  await db
    .update(jobs)
    .set({
      lockedUntil: null,
      lastFinishedAt: finishedAt,
      lastOk: outcome.ok,
      lastResult: outcome.result,
      lastError: outcome.error,
      nextRunAt: new Date(ctx.now.getTime() + def.intervalSeconds * 1000),
    })
    .where(eq(jobs.name, def.name));
  return outcome;
}

/** One pass of the loop: every due job, in order. Used by the in-process scheduler and `npm run jobs`. */
export async function runDueJobs(
  db: Db,
  defs: readonly JobDefinition[],
  ctx: Partial<JobContext> = {},
): Promise<JobRunOutcome[]> {
  const outcomes: JobRunOutcome[] = [];
  for (const def of defs) {
    const o = await runJobIfDue(db, def, { now: ctx.now ?? new Date(), worker: ctx.worker ?? workerId("worker") });
    if (o) outcomes.push(o);
  }
  return outcomes;
}

/** Makes a job due now (the admin's "run now"); the next scheduler tick picks it up. */
export async function requestRun(db: Db, name: string, now: Date = new Date()): Promise<boolean> {
  const rows = await db.update(jobs).set({ nextRunAt: now }).where(eq(jobs.name, name)).returning({ name: jobs.name });
  return rows.length === 1;
}
