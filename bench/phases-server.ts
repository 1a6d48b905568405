import fs from "node:fs";
import path from "node:path";
import { checkRollups, foldAndVacuum } from "@/lib/analytics";
import { MAX_CONNECTIONS, ms, p5095, type BenchContext } from "./context";
import { loadTest, reserveBodies, signIn, status, timeGet, type LoadResult } from "./http";
import { openLoop } from "./open-loop";
import { startServer } from "./server";
import { BENCH_ADMIN, BENCH_PARTNER, BENCH_PASSWORD } from "./setup";
import { bulkApproval } from "./bulk-approve";
import { cpuMeter, perLead, type CpuUse } from "./cpu";
import { conversionThroughput } from "./conversions";
import { leadCaptureDirect } from "./domain-fallback";
import { pageWeightPhase } from "./page-weight";

/** The consent text version the lead body attests to (the lead-capture module's current one, when present). */
export async function consentVersion(root: string): Promise<string> {
  const file = path.join(root, "lib", "leads", "consent-text.ts");
  if (!fs.existsSync(file)) return "v1";
  const mod = (await import(file)) as { CURRENT_CONSENT_VERSION?: string };
  return mod.CURRENT_CONSENT_VERSION ?? "v1";
}

const describeLoad = (r: LoadResult): string =>
  `${r.rps} req/s, p50 ${ms(r.latency.p50)}, p95 ${ms(r.latency.p95)}, p99 ${ms(r.latency.p99)}, ${r.errors} errors`;

/** CPU per answered lead over a phase: the server process tree and the database's backends. */
const cpuPerLead = (cpu: CpuUse, r: LoadResult) => ({
  server: perLead(cpu.serverMs, r.requests - r.errors),
  postgres: perLead(cpu.postgresMs, r.requests - r.errors),
});
const describeCpu = (c: ReturnType<typeof cpuPerLead>) =>
  [c.server === null ? "" : `server CPU ${c.server} ms/lead`, c.postgres === null ? "" : `PostgreSQL ${c.postgres}`]
    .filter(Boolean)
    .join(", ");

/** Lead capture, dashboards, /statistics, bulk approval and memory against the app in production mode. */
export async function serverPhases(ctx: BenchContext): Promise<void> {
  const { db, gen, creds, smoke, report, log, failures, root } = ctx;
  const logFile = path.join(root, ".data", "bench-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  log(
    `starting the app in production mode on 127.0.0.1:${ctx.port} (builds first when needed; log in .data/bench-server.log)`,
  );
  const server = await startServer(root, ctx.port, db.url, logFile);
  const missing: string[] = [];
  try {
    const base = server.base;
    const api = { authorization: `Bearer ${creds.apiKey}`, "x-api-key": creds.apiKey };
    const version = await consentVersion(root);
    const run = Date.now().toString(36);
    const lead = (i: number) => ({
      firstName: "Bench",
      lastName: `Prospect${i}`,
      email: `http-${run}-${i}@prospects.bench.test`,
      phone: String(7_000_000_000 + (i % 999_999_999)),
      state: "CA",
      insuranceType: "AUTO",
      referralCode: gen.codes[i % gen.codes.length],
      source: "WEBSITE",
      consent: { given: true, textVersion: version },
    });
    const leadsUrl = `${base}/api/v1/leads`;
    const captureStart = new Date();
    const probe = await status(leadsUrl, {
      method: "POST",
      headers: { ...api, "content-type": "application/json" },
      body: JSON.stringify(lead(-1)),
    });
    if (probe === 201 || probe === 200) {
      // Smoke: two seconds at 20 req/s, so the open-loop generator cannot rot either.
      const rates = smoke ? [20] : [50, 100, 200];
      const seconds = smoke ? 2 : 30;
      for (const rate of rates) {
        log(`POST /api/v1/leads at ${rate} req/s for ${seconds} s (open loop: evenly spaced arrivals)`);
        const meter = await cpuMeter(db.sql, db.name, server.pids);
        const r = await openLoop(leadsUrl, api, lead, { rate, seconds, first: reserveBodies(rate * seconds) });
        const cpu = cpuPerLead(await meter(), r);
        if (smoke) {
          if (r.errors || r.requests !== rate * seconds)
            failures.push(`open-loop smoke: ${r.errors} errors of ${r.requests} (${JSON.stringify(r.statusCodes)})`);
          continue;
        }
        report.details[`leads@${rate}`] = { ...r, cpuMsPerLead: cpu };
        const target =
          rate === 200 ? { target: "p99 < 50 ms, 0 errors", ok: r.latency.p99 < 50 && r.errors === 0 } : {};
        report.lines.push({
          name: `Lead capture at ${rate} req/s (30 s)`,
          via: "HTTP POST /api/v1/leads, open loop",
          value: `${describeLoad(r)}; ${describeCpu(cpu)}`,
          ...target,
        });
      }
      log(`POST /api/v1/leads, max throughput at ${MAX_CONNECTIONS} connections`);
      const meter = await cpuMeter(db.sql, db.name, server.pids);
      const max = await loadTest(leadsUrl, api, lead, {
        rate: null,
        connections: MAX_CONNECTIONS,
        seconds: smoke ? 2 : 30,
      });
      const cpu = cpuPerLead(await meter(), max);
      report.details.leadsMax = { ...max, cpuMsPerLead: cpu };
      Object.assign(report.summary!, {
        leadCaptureHttpRps: max.rps,
        serverCpuMsPerLead: cpu.server,
        postgresCpuMsPerLead: cpu.postgres,
      });
      if (smoke && max.errors)
        failures.push(`lead capture smoke: ${max.errors} errors (${JSON.stringify(max.statusCodes)})`);
      if (!smoke) {
        report.lines.push({
          name: `Lead capture, max throughput (${MAX_CONNECTIONS} connections)`,
          via: "HTTP POST /api/v1/leads",
          value: `${describeLoad(max)}; ${describeCpu(cpu)}`,
        });
        report.lines.push({
          name: "Server CPU per lead (16 connections)",
          via: "/proc utime + stime of the server process tree",
          value: cpu.server === null ? "not measured" : `${cpu.server} ms`,
          target: "≤ 1.0 ms",
          ok: cpu.server !== null && cpu.server <= 1,
        });
        if (ctx.rawLeads) {
          const ratio = max.rps / ctx.rawLeads.rps;
          report.summary!.ratio = Math.round(ratio * 1000) / 1000;
          report.lines.push({
            name: "Lead capture HTTP ÷ raw SQL throughput (one process, same run)",
            via: "ratio",
            value: `${Math.round(ratio * 100)} %`,
            target: "≥ 50 %",
            ok: ratio >= 0.5,
          });
        }
      }
    } else {
      missing.push(`POST /api/v1/leads answered ${probe}`);
      if (probe !== 404 && probe !== 405)
        failures.push(`POST /api/v1/leads answered ${probe} (see .data/bench-server.log)`);
      else await leadCaptureDirect(ctx, lead);
    }

    // Conversion throughput on the referrals lead capture just made (docs/performance.md#conversions).
    log(`POST /api/v1/referrals/{id}/process-conversion, max throughput at ${MAX_CONNECTIONS} connections`);
    const conv = await conversionThroughput(
      { sql: db.sql, database: db.name, base, headers: api, pids: server.pids },
      captureStart,
      smoke ? 2 : 30,
    );
    report.details.conversionsMax = conv.result;
    Object.assign(report.summary!, {
      conversionHttpRps: conv.result.rps,
      serverCpuMsPerConversion: conv.result.serverCpuMsPerConversion,
      postgresCpuMsPerConversion: conv.result.postgresCpuMsPerConversion,
    });
    if (conv.result.errors || conv.result.conversions === 0)
      failures.push(
        `conversion phase: ${conv.result.errors} errors, ${conv.result.conversions} conversions (${JSON.stringify(conv.result.statusCodes)})`,
      );
    // Printed in smoke runs too (marked), so the line cannot rot.
    report.lines.push({
      name: `Conversion throughput (${MAX_CONNECTIONS} connections${smoke ? ", smoke: untimed" : ""})`,
      via: "HTTP POST /api/v1/referrals/{id}/process-conversion",
      value: conv.describe,
    });

    if (ctx.leadsOnly) return;
    // The jobs are off (JOBS=off): fold what lead capture appended and vacuum, as the fold-analytics job would.
    const folded = await foldAndVacuum(db.handle.db);
    log(`folded ${folded.deltas} rollup deltas`);

    const n = smoke ? 1 : 30;
    const endpoints = [
      "/api/v1/referrals/statistics",
      "/api/v1/rewards/statistics",
      "/api/v1/partners/statistics",
      "/api/v1/partners/top?metric=earnings",
    ];
    for (const p of endpoints) {
      const code = await status(`${base}${p}`, { headers: api });
      if (code !== 200) {
        missing.push(`GET ${p} answered ${code}`);
        continue;
      }
      const s = await timeGet(`${base}${p}`, api, n);
      if (!smoke)
        report.lines.push({
          name: `GET ${p.split("?")[0]}`,
          via: "HTTP (API key)",
          value: p5095(s),
          target: "< 300 ms",
          ok: s.p95 < 300,
        });
    }
    const pages: [string, string, string, number][] = [
      ["Admin analytics page", BENCH_ADMIN, "/admin", 300],
      [`Partner dashboard, largest partner (${gen.largestPartnerReferrals} referrals)`, BENCH_PARTNER, "/portal", 100],
    ];
    const sessions: Record<"/portal" | "/admin", string | null> = { "/portal": null, "/admin": null };
    for (const [name, email, page, target] of pages) {
      const cookie = await signIn(base, email, BENCH_PASSWORD);
      sessions[page as keyof typeof sessions] = cookie;
      const code = cookie ? await status(`${base}${page}`, { headers: { cookie } }) : 0;
      if (!cookie || code !== 200) {
        missing.push(`${page} for ${email}: ${cookie ? `answered ${code}` : "sign-in failed"}`);
        continue;
      }
      const s = await timeGet(`${base}${page}`, { cookie }, n);
      if (page === "/portal") report.summary!.portalP95Ms = s.p95;
      if (!smoke)
        report.lines.push({
          name,
          via: `HTTP GET ${page} (signed in)`,
          value: p5095(s),
          target: `${target === 100 ? "p95" : ""} < ${target} ms`.trim(),
          ok: s.p95 < target,
        });
    }
    await pageWeightPhase(ctx, base, sessions);
    await bulkApproval(ctx, base, api, missing);
    if (!smoke)
      report.lines.push({
        name: "Peak server memory (RSS)",
        via: "/proc of the server process tree",
        value: `${server.peakRssMb()} MB`,
        target: "< 500 MB",
        ok: server.peakRssMb() < 500,
      });
  } finally {
    await server.stop();
  }
  // Everything the app wrote went through the triggers: rollups + deltas must still equal the raw tables.
  const mismatches = await checkRollups(db.handle.db);
  log(`rollup check after the HTTP phases: ${mismatches} mismatching rows`);
  if (mismatches) failures.push(`rollups differ from raw aggregates in ${mismatches} rows after the HTTP phases`);
  for (const m of missing) report.notes.push(`Not measured over HTTP: ${m}.`);
}
