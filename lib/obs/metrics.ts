import { sql } from "drizzle-orm";
import { Gauge, Histogram, Registry } from "prom-client";
import { rowsOf, type Db } from "@/db";
import { poolUse } from "@/db/prepared";
import { env } from "@/lib/env";
import { schedulerStatus } from "@/lib/jobs/scheduler";

/**
 * Prometheus metrics (docs/operations.md#metrics). Per-process: HTTP latency by route, and the pool in use.
 * Program-wide figures (leads, conversions, rewards by status, job runs, outbox lag, webhook deliveries) are read
 * from the database when scraped, so every instance reports the same numbers and nothing is lost on a restart.
 */
interface Metrics {
  registry: Registry;
  http: Histogram<"method" | "route" | "status">;
}
const g = globalThis as unknown as { __rpMetrics?: Metrics };

/** A path's route: ids (UUIDs, long numbers) replaced by ":id", so the label set stays bounded. */
export function routeLabel(pathname: string): string {
  return pathname
    .split("/")
    .map((s) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) || /^\d{3,}$/.test(s) ? ":id" : s,
    )
    .join("/")
    .slice(0, 120);
}

function metrics(): Metrics {
  if (g.__rpMetrics) return g.__rpMetrics;
  const registry = new Registry();
  const http = new Histogram({
    name: "http_request_duration_seconds",
    help: "API request latency by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  g.__rpMetrics = { registry, http };
  return g.__rpMetrics;
}

export function observeRequest(method: string, pathname: string, status: number, seconds: number): void {
  metrics().http.observe({ method, route: routeLabel(pathname), status: String(status) }, seconds);
}

/** The registry's text, with the database-backed figures read now. */
export async function renderMetrics(db: Db): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  const scrape = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [scrape] });
  const counted = async (name: string, help: string, labels: string[], query: ReturnType<typeof sql>) => {
    const m = gauge(name, help, labels);
    for (const r of rowsOf<Record<string, string | number | null>>(await db.execute(query))) {
      const values = Object.fromEntries(labels.map((l) => [l, String(r[l] ?? "none")]));
      if (labels.length) m.set(values, Number(r.n));
      else m.set(Number(r.n));
    }
  };
  await counted("leads_captured_total", "Leads stored", [], sql`select count(*) as n from leads`);
  await counted(
    "conversions_total",
    "Referrals converted (CONVERTED or PAID)",
    [],
    sql`select count(*) as n from referrals where status in ('CONVERTED', 'PAID')`,
  );
  await counted(
    "rewards",
    "Rewards by status",
    ["status"],
    sql`select status::text as status, count(*) as n from rewards group by status`,
  );
  await counted(
    "job_runs_total",
    "Job runs by job and outcome (ok, failed, running)",
    ["job", "outcome"],
    sql`select job, case when ok then 'ok' when not ok then 'failed' else 'running' end as outcome, count(*) as n
        from job_runs group by 1, 2`,
  );
  await counted(
    "webhook_deliveries_total",
    "Webhook deliveries by result",
    ["result"],
    sql`select status::text as result, count(*) as n from webhook_deliveries group by status`,
  );
  await counted(
    "outbox_lag_seconds",
    "Age of the oldest outbox message not yet processed (0 when none waits)",
    [],
    sql`select coalesce(extract(epoch from now() - min(available_at)), 0) as n
        from outbox where processed_at is null and available_at <= now()`,
  );
  const pool = poolUse();
  gauge("db_pool_max", "Connections the pool may open").set(pool.max);
  gauge("db_pool_in_use", "Connections held by a transaction or running a query").set(pool.inUse);
  gauge("db_transactions_open", "Transactions holding a reserved connection").set(pool.transactions);
  // Which process answered: with WEB_CONCURRENCY each scrape reaches one worker (docs/operations.md#metrics).
  gauge("server_process", "This process: its pid and cluster worker number", ["pid", "worker"]).set(
    { pid: String(process.pid), worker: String(env().SERVER_WORKER) },
    1,
  );
  const jobs = schedulerStatus();
  gauge("jobs_scheduler_running", "1 when this process runs the job scheduler").set(jobs.state === "running" ? 1 : 0);
  const text = (await registry.metrics()) + (await scrape.metrics());
  return { contentType: registry.contentType, body: text };
}
