import type { Sql } from "postgres";
import { MAX_CONNECTIONS, ms } from "./context";
import { cpuMeter, perLead } from "./cpu";
import { summarize } from "./stats";

/**
 * Conversion throughput over HTTP: `POST /api/v1/referrals/{id}/process-conversion` at 16 connections on the
 * referrals lead capture just made (each converted once, so every call does the full work: plan resolution,
 * reward, audit event, outbox), with the server's and PostgreSQL's CPU per conversion.
 */
export async function conversionThroughput(
  o: { sql: Sql; database: string; base: string; headers: Record<string, string>; pids: () => number[] },
  since: Date,
  seconds: number,
) {
  const ids = (
    await o.sql<{ id: string }[]>`
      select id from referrals where status in ('PENDING', 'ACCEPTED') and created_at >= ${since}
      order by created_at limit 200000`
  ).map((r) => r.id);
  const meter = await cpuMeter(o.sql, o.database, o.pids);
  const samples: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: MAX_CONNECTIONS }, async () => {
      while (performance.now() < until && next < ids.length) {
        const id = ids[next++];
        const s = performance.now();
        try {
          const r = await fetch(`${o.base}/api/v1/referrals/${id}/process-conversion`, {
            method: "POST",
            headers: { ...o.headers, "content-type": "application/json" },
            body: JSON.stringify({ conversionValueCents: 100_000 }),
          });
          await r.arrayBuffer();
          statusCodes[r.status] = (statusCodes[r.status] ?? 0) + 1;
          if (r.status === 200 || r.status === 201) samples.push(performance.now() - s);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = await meter();
  const latency = summarize(samples);
  const result = {
    referrals: ids.length,
    conversions: samples.length,
    errors,
    seconds: Math.round(elapsed * 10) / 10,
    rps: elapsed > 0 ? Math.round(samples.length / elapsed) : 0,
    latency,
    statusCodes,
    serverCpuMsPerConversion: perLead(cpu.serverMs, samples.length),
    postgresCpuMsPerConversion: perLead(cpu.postgresMs, samples.length),
  };
  const cpuText = [
    result.serverCpuMsPerConversion === null ? "" : `server CPU ${result.serverCpuMsPerConversion} ms/conversion`,
    result.postgresCpuMsPerConversion === null ? "" : `PostgreSQL ${result.postgresCpuMsPerConversion}`,
  ]
    .filter(Boolean)
    .join(", ");
  const describe = `${result.rps} conversions/s, p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}, ${errors} errors${cpuText ? `; ${cpuText}` : ""}`;
  return { result, describe };
}
