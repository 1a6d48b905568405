import {
  adminAnalytics,
  dashboardAnalytics,
  foldAndVacuum,
  partnerStatistics,
  referralStatistics,
  rewardStatistics,
} from "@/lib/analytics";
import { MAX_CONNECTIONS, p5095, type BenchContext } from "./context";
import { cpuMeter, perLead } from "./cpu";
import { rawLeadCapture } from "./raw-lead";
import { closedLoop, timeSequential } from "./stats";

/** Phases that need no server: raw-SQL lead capture and the analytics functions in-process. */
export async function inProcessPhases(ctx: BenchContext): Promise<void> {
  const { db, gen, creds, smoke, report, log } = ctx;
  const capture = rawLeadCapture(db.sql, creds.apiKeyPrefix, gen.codes);
  if (smoke) {
    for (let i = 0; i < 5; i++) await capture(i);
  } else {
    log(`raw SQL lead capture: ${MAX_CONNECTIONS} workers for 30 s`);
    const meter = await cpuMeter(db.sql, db.name, null);
    ctx.rawLeads = await closedLoop((i) => capture(i), MAX_CONNECTIONS, 30);
    const pgPerLead = perLead((await meter()).postgresMs, ctx.rawLeads.requests);
    report.details.rawLeads = { ...ctx.rawLeads, postgresCpuMsPerLead: pgPerLead };
    report.summary!.leadCaptureRawRps = ctx.rawLeads.rps;
    report.summary!.rawPostgresCpuMsPerLead = pgPerLead;
    report.lines.push({
      name: `Lead capture, max throughput (${MAX_CONNECTIONS} workers)`,
      via: "raw SQL (postgres.js, pool 10)",
      value: `${ctx.rawLeads.rps} req/s, ${p5095(ctx.rawLeads.latency)}, ${ctx.rawLeads.errors} errors${pgPerLead === null ? "" : `; PostgreSQL CPU ${pgPerLead} ms/lead`}`,
    });
  }
  if (ctx.leadsOnly) return;
  const db0 = db.handle.db;
  // The fold-analytics job (JOBS=off here) folds deltas every 30 s and vacuums; do what it would before reading.
  const f0 = performance.now();
  const folded = await foldAndVacuum(db0);
  const foldMs = performance.now() - f0;
  if (!smoke)
    report.lines.push({
      name: `Rollup fold of ${folded.deltas} pending deltas`,
      via: "fold-analytics job (fold + vacuum)",
      value: `${Math.round(foldMs)} ms`,
    });
  const largest = gen.partnerIds[0];
  const n = smoke ? 1 : 30;
  const measures: [string, () => Promise<unknown>, number][] = [
    ["Admin analytics (all sections, 30 days)", () => adminAnalytics(db0), 300],
    ["Referral statistics (30 days)", () => referralStatistics(db0), 300],
    ["Reward statistics (30 days)", () => rewardStatistics(db0), 300],
    ["Partner statistics (30 days)", () => partnerStatistics(db0), 300],
    [
      "Admin analytics, 365 days",
      () => adminAnalytics(db0, { from: new Date(Date.now() - 364 * 86_400_000), interval: "week" }),
      300,
    ],
    [
      `Partner dashboard data, largest partner (${gen.largestPartnerReferrals} referrals)`,
      () => dashboardAnalytics(db0, { partnerId: largest }),
      100,
    ],
  ];
  for (const [name, fn, target] of measures) {
    const s = await timeSequential(fn, n, smoke ? 0 : 3);
    if (smoke) continue;
    report.details[`inProcess:${name}`] = s;
    if (name === "Admin analytics, 365 days") report.summary!.analytics365dP50Ms = s.p50;
    report.lines.push({
      name,
      via: "domain function in-process",
      value: p5095(s),
      target: `< ${target} ms`,
      ok: s.p95 < target,
    });
  }
}
