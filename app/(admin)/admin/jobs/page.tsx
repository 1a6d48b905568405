import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { RunNowButton } from "@/components/jobs/RunNowButton";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonValue } from "@/components/ui/json-value";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
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
      <Card title="Jobs">
        <Table caption="Scheduled jobs" head={["Job", "Every", "Last run", "Result", "Next run", "Action"]}>
          {jobs.map((j) => {
            const running = j.lockedUntil !== null && j.lockedUntil > now;
            const state = running ? "RUNNING" : j.lastOk === null ? "NEVER RUN" : j.lastOk ? "OK" : "FAILED";
            return (
              <tr key={j.name} data-testid={`job-${j.name}`}>
                <Td>
                  <span className="font-medium text-slate-900">{j.name}</span>
                  <span className="block text-xs text-slate-500">{j.description}</span>
                </Td>
                <Td className="whitespace-nowrap">{every(j.intervalSeconds)}</Td>
                <Td>
                  <DateTime value={j.lastFinishedAt ?? j.lastStartedAt} />
                </Td>
                <Td className="max-w-80">
                  <StatusBadge status={state} />{" "}
                  {j.lastError ? (
                    <span className="text-xs text-red-700">{j.lastError}</span>
                  ) : (
                    <JsonValue value={j.lastResult} />
                  )}
                </Td>
                <Td>{j.lastOk === null && !j.lastStartedAt ? "at next tick" : <DateTime value={j.nextRunAt} />}</Td>
                <Td>{j.registered ? <RunNowButton name={j.name} /> : null}</Td>
              </tr>
            );
          })}
        </Table>
      </Card>
      <Card title="Recent runs">
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
          <Table caption="Recent job runs" head={["Started", "Job", "Took", "Outcome", "Worker"]}>
            {runs.map((r) => (
              <tr key={r.id}>
                <Td>
                  <DateTime value={r.startedAt} />
                </Td>
                <Td>{r.job}</Td>
                <Td className="tabular-nums">
                  {r.finishedAt ? `${r.finishedAt.getTime() - r.startedAt.getTime()} ms` : "running"}
                </Td>
                <Td className="max-w-96">
                  <StatusBadge status={r.ok === null ? "RUNNING" : r.ok ? "OK" : "FAILED"} />{" "}
                  {r.error ? <span className="text-xs text-red-700">{r.error}</span> : <JsonValue value={r.result} />}
                </Td>
                <Td className="font-mono text-xs">{r.worker}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
