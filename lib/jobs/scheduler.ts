import "server-only";
import type { Db } from "@/db";
import { env } from "@/lib/env";
import { JOBS } from "./registry";
import { ensureJobs, runDueJobs, workerId } from "./runner";

const TICK_MS = 5_000;

interface SchedulerState {
  timer: NodeJS.Timeout | null;
  running: boolean;
  /** When the timer last fired (a tick may be skipped while the previous one runs): the scheduler is alive. */
  lastTickAt: number | null;
}
const g = globalThis as unknown as { __rpJobScheduler?: SchedulerState };

export const jobsEnabled = () => env().JOBS;

/**
 * Starts the in-process scheduler once per process (Next bundles modules into several chunks, so the
 * guard lives on globalThis). `JOBS=off` leaves it off. Ticks never overlap; a failing tick is logged
 * and the next one runs as usual.
 */
export async function startScheduler(db: Db, opts: { tickMs?: number; role?: string } = {}): Promise<boolean> {
  if (!jobsEnabled() || g.__rpJobScheduler) return false;
  const state: SchedulerState = { timer: null, running: false, lastTickAt: null };
  g.__rpJobScheduler = state;
  await ensureJobs(db, JOBS);
  const worker = workerId(opts.role ?? "server");
  const tick = async () => {
    state.lastTickAt = Date.now();
    if (state.running) return;
    state.running = true;
    try {
      for (const o of await runDueJobs(db, JOBS, { worker }))
        if (!o.ok) console.error(`[jobs] ${o.job} failed: ${o.error}`);
    } catch (e) {
      console.error(`[jobs] tick failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      state.running = false;
    }
  };
  state.timer = setInterval(tick, opts.tickMs ?? TICK_MS);
  state.timer.unref();
  void tick();
  return true;
}

/** Whether this process runs the jobs: "off" (JOBS=off), "not started" (yet, or start-up failed), "running". */
export function schedulerStatus(): { state: "off" | "not started" | "running"; lastTickAt: number | null } {
  if (!jobsEnabled()) return { state: "off", lastTickAt: null };
  const s = g.__rpJobScheduler;
  return s ? { state: "running", lastTickAt: s.lastTickAt } : { state: "not started", lastTickAt: null };
}

export function stopScheduler(): void {
  const s = g.__rpJobScheduler;
  if (s?.timer) clearInterval(s.timer);
  delete g.__rpJobScheduler;
}
