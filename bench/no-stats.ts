import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { ms, type BenchContext } from "./context";
import { consentVersion } from "./phases-server";
import { reserveBodies, type LoadResult } from "./http";
import { openLoop } from "./open-loop";
import { startServer } from "./server";
import { createBenchDb, createCredentials } from "./setup";

/**
 * Lead capture on a database that was never analyzed (docs/performance.md#plans-that-hold-without-statistics): a
 * database of its own, migrated as a new installation is, with autovacuum off for every table and no ANALYZE; 50,000
 * leads with their referrals from the last two days inserted in bulk (as tests/leads/plans-without-statistics.test.ts
 * does); then the app in production mode takes captures at a fixed 100 req/s, open loop, for 60 s. A plan that needs
 * statistics (walking a day of leads by created_at) shows up as a p99 that grows with the table.
 */
const PARTNERS = 20;
const RATE = 100;

async function tablesOf(sql: Sql): Promise<string[]> {
  const rows = await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public'`;
  return rows.map((r) => r.tablename);
}

/** Rows of pg_stats (what ANALYZE leaves) for the tables lead capture reads. */
async function statisticsRows(sql: Sql): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_stats where schemaname = 'public' and tablename in ('leads', 'referrals')`;
  return n;
}

/** Sequential and index scans of the tables capture reads, from the statistics collector (not ANALYZE). */
async function scans(sql: Sql): Promise<Record<string, { seq: number; idx: number }>> {
  const rows = await sql<{ relname: string; seq: number; idx: number }[]>`
    select relname, seq_scan::int as seq, coalesce(idx_scan, 0)::int as idx from pg_stat_user_tables
    where relname in ('leads', 'referrals', 'partner_codes', 'consents', 'api_keys')`;
  return Object.fromEntries(rows.map((r) => [r.relname, { seq: r.seq, idx: r.idx }]));
}

export async function noStatisticsPhase(ctx: BenchContext, opts: { keep: boolean }): Promise<void> {
  const { smoke, report, log, failures, root } = ctx;
  const bulk = smoke ? 2_000 : 50_000;
  // Smoke: three seconds at the smoke's open-loop rate, so CI runs every step without depending on the machine's load.
  const seconds = smoke ? 3 : 60;
  const rate = smoke ? 20 : RATE;
  const db = await createBenchDb("_nostats");
  log(`no-statistics phase: database ${db.name}, autovacuum off per table, ${bulk} leads in bulk`);
  try {
    const { sql } = db;
    for (const t of await tablesOf(sql)) await sql.unsafe(`alter table "${t}" set (autovacuum_enabled = false)`);
    const partners = await sql<{ id: string; code: string }[]>`
      with p as (
        insert into partners (first_name, last_name, email, status, created_via, approved_at)
        select 'Nostats', 'Partner' || i, 'nostats' || i || '@bench.test', 'ACTIVE', 'ADMIN', now()
        from generate_series(0, ${PARTNERS - 1}) as i
        returning id, substr(last_name, 8)::int as i
      )
      insert into partner_codes (partner_id, code)
      select id, 'NOSTAT' || lpad(i::text, 4, '0') from p
      returning partner_id as id, code`;
    const creds = await createCredentials(sql, partners[0].id);
    // Lead i: a minute older per i over two days, a phone on every other one, partner i % PARTNERS.
    await sql`
      insert into leads (first_name, last_name, email, phone, insurance_type, status, created_at, updated_at)
      select 'Bulk', 'Lead' || i, 'bulk' || i || '@nostats.bench.test',
             case when i % 2 = 0 then '555' || lpad(i::text, 7, '0') end,
             'AUTO', 'NEW', now() - (i % 2880) * interval '1 minute', now()
      from generate_series(1, ${bulk}) as i`;
    await sql`
      insert into referrals (partner_id, referral_code, lead_id, status, currency, expires_at, created_at, updated_at)
      select c.partner_id, c.code, l.id,
             (array['PENDING','ACCEPTED','CONVERTED','REJECTED'])[1 + l.i % 4]::referral_status,
             'USD', now() + interval '90 days', l.created_at, now()
      from (select id, created_at, substr(last_name, 5)::int as i from leads where first_name = 'Bulk') as l
      join partner_codes c on c.code = 'NOSTAT' || lpad((l.i % ${PARTNERS})::text, 4, '0')`;
    const [rows] = await sql<{ leads: number; referrals: number }[]>`
      select (select count(*)::int from leads) as leads, (select count(*)::int from referrals) as referrals`;
    if (rows.leads !== bulk || rows.referrals !== bulk)
      failures.push(`no-statistics phase: ${rows.leads} leads and ${rows.referrals} referrals inserted, not ${bulk}`);
    if ((await statisticsRows(sql)) !== 0) failures.push("no-statistics phase: leads or referrals were analyzed");

    const logFile = path.join(root, ".data", "bench-server-nostats.log");
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const server = await startServer(root, ctx.port, db.url, logFile);
    let r: LoadResult;
    let before: Awaited<ReturnType<typeof scans>>;
    const version = await consentVersion(root);
    try {
      const api = { authorization: `Bearer ${creds.apiKey}`, "x-api-key": creds.apiKey };
      const run = Date.now().toString(36);
      const lead = (i: number) => ({
        firstName: "Nora",
        lastName: `Nostats${i}`,
        email: `nostats-${run}-${i}@prospects.bench.test`,
        phone: String(8_000_000_000 + i),
        state: "CA",
        insuranceType: "AUTO",
        referralCode: partners[i % partners.length].code,
        source: "WEBSITE",
        consent: { given: true, textVersion: version },
      });
      const url = `${server.base}/api/v1/leads`;
      // Warm-up, not counted: the first requests compile the route and open the pool's connections.
      const warm = await openLoop(url, api, lead, { rate: 20, seconds: smoke ? 1 : 3, first: reserveBodies(60) });
      if (warm.errors)
        failures.push(`no-statistics warm-up: ${warm.errors} errors (${JSON.stringify(warm.statusCodes)})`);
      // A backend reports its scan counts about once a second: let the warm-up's arrive first.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      before = await scans(sql);
      log(`POST /api/v1/leads at ${rate} req/s for ${seconds} s on the unanalyzed database`);
      r = await openLoop(url, api, lead, { rate, seconds, first: reserveBodies(rate * seconds) });
    } finally {
      await server.stop();
    }
    // The server's backends reported their counts when their connections closed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await scans(sql);
    const stats = await statisticsRows(sql);
    if (stats !== 0) failures.push(`no-statistics phase: ${stats} pg_stats rows for leads/referrals after the load`);
    const scanDelta = Object.fromEntries(
      Object.entries(after).map(([t, a]) => [
        t,
        { seq: a.seq - (before[t]?.seq ?? 0), idx: a.idx - (before[t]?.idx ?? 0) },
      ]),
    );
    report.details.noStatistics = { bulkLeads: bulk, partners: PARTNERS, ...r, scans: scanDelta };
    if (smoke) {
      if (r.errors || r.requests !== rate * seconds)
        failures.push(`no-statistics smoke: ${r.errors} errors of ${r.requests} (${JSON.stringify(r.statusCodes)})`);
    } else {
      report.summary!.p99At100RpsNoStatsMs = r.latency.p99;
      report.summary!.errorsAt100RpsNoStats = r.errors;
    }
    const leadScans = scanDelta.leads?.seq ?? 0;
    report.lines.push({
      name: `Lead capture at ${rate} req/s (${seconds} s) after ${bulk} leads, tables never analyzed${smoke ? " (smoke: untimed)" : ""}`,
      via: "HTTP POST /api/v1/leads, open loop, own database (autovacuum off, no ANALYZE)",
      value: `${r.rps} req/s, p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}, ${r.errors} errors; sequential scans of leads: ${leadScans}`,
    });
  } finally {
    if (opts.keep) log(`kept database ${db.url}`);
    else await db.drop();
  }
}
