import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { RunNowButton } from "@/components/jobs/RunNowButton";
import { Badge, cell, DataTable, Json, Panel, When } from "@/components/webhooks/ui";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { listJobRuns, listJobs } from "@/lib/jobs/queries";
import { jobsEnabled } from "@/lib/jobs/scheduler";

export const metadata: Metadata = { title: "Jobs" };

const every = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  await connection();
  const db = await getDb();
  const wanted = (await searchParams).job;
  const jobs = await listJobs(db);
  const job = jobs.find((j) => j.name === wanted)?.name;
  const runs = await listJobRuns(db, { job, limit: 30 });
  const now = new Date();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Background jobs</h1>
        <p className="mt-1 text-sm text-slate-600">
          {jobsEnabled()
            ? "Jobs run inside the server process; several instances share the work and never run one job twice."
            : "The in-process scheduler is off (JOBS=off) here: run `npm run jobs` as a worker."}
        </p>
      </div>
      <Panel title="Jobs">
        <DataTable caption="Scheduled jobs" head={["Job", "Every", "Last run", "Result", "Next run", ""]}>
          {jobs.map((j) => {
            const running = j.lockedUntil !== null && j.lockedUntil > now;
            const state = running ? "RUNNING" : j.lastOk === null ? "NEVER RUN" : j.lastOk ? "OK" : "FAILED";
            return (
              <tr key={j.name} data-testid={`job-${j.name}`}>
                <td className={cell}>
                  <span className="font-medium text-slate-900">{j.name}</span>
                  <span className="block text-xs text-slate-500">{j.description}</span>
                </td>
                <td className={`${cell} whitespace-nowrap`}>{every(j.intervalSeconds)}</td>
                <td className={cell}>
                  <When at={j.lastFinishedAt ?? j.lastStartedAt} />
                </td>
                <td className={`${cell} max-w-80`}>
                  <Badge>{state}</Badge>{" "}
                  {j.lastError ? (
                    <span className="text-xs text-red-700">{j.lastError}</span>
                  ) : (
                    <Json value={j.lastResult} />
                  )}
                </td>
                <td className={cell}>
                  {j.lastOk === null && !j.lastStartedAt ? "at next tick" : <When at={j.nextRunAt} />}
                </td>
                <td className={cell}>{j.registered ? <RunNowButton name={j.name} /> : null}</td>
              </tr>
            );
          })}
        </DataTable>
      </Panel>
      <Panel title="Recent runs">
        <nav aria-label="Filter runs by job" className="mb-3 flex flex-wrap gap-2 text-sm">
          {[undefined, ...jobs.map((j) => j.name)].map((name) => (
            <Link
              key={name ?? "all"}
              href={name ? `/admin/jobs?job=${encodeURIComponent(name)}` : "/admin/jobs"}
              aria-current={name === job ? "page" : undefined}
              className={`rounded-full px-3 py-1 ring-1 ring-slate-300 ${name === job ? "bg-brand-700 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {name ?? "All"}
            </Link>
          ))}
        </nav>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-600">No runs yet.</p>
        ) : (
          <DataTable caption="Recent job runs" head={["Started", "Job", "Took", "Outcome", "Worker"]}>
            {runs.map((r) => (
              <tr key={r.id}>
                <td className={cell}>
                  <When at={r.startedAt} />
                </td>
                <td className={cell}>{r.job}</td>
                <td className={`${cell} tabular-nums`}>
                  {r.finishedAt ? `${r.finishedAt.getTime() - r.startedAt.getTime()} ms` : "running"}
                </td>
                <td className={`${cell} max-w-96`}>
                  <Badge>{r.ok === null ? "RUNNING" : r.ok ? "OK" : "FAILED"}</Badge>{" "}
                  {r.error ? <span className="text-xs text-red-700">{r.error}</span> : <Json value={r.result} />}
                </td>
                <td className={`${cell} font-mono text-xs`}>{r.worker}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </div>
  );
}
