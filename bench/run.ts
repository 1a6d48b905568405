/**
 * `npm run bench` (docs/performance.md): own database, seeded bulk load, then lead capture over HTTP against the
 * same work in raw SQL, dashboards and /statistics, bulk approval and server memory. Options:
 * --scale N (referrals, default 1,000,000), --quick (100,000), --smoke (small, untimed: CI),
 * --partners N, --keep (keep the databases), --no-server (in-process phases only), --leads-only (lead capture
 * phases only: raw SQL and HTTP, with CPU per lead). After the HTTP phases: the JavaScript of /quote, /portal and
 * /admin, server memory with one and two processes, and lead capture on a database never analyzed.
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkRollups, rebuildRollups } from "@/lib/analytics";
import { generate } from "./generate";
import { inProcessPhases } from "./phases-local";
import { emptySummary, machine, table, writeJson, writePerformanceDoc, type Report } from "./report";
import { memoryPhase } from "./memory";
import { noStatisticsPhase } from "./no-stats";
import { serverPhases } from "./phases-server";
import { createBenchDb, createCredentials } from "./setup";

const root = path.resolve(import.meta.dirname, "..");
const { values: a } = parseArgs({
  options: {
    scale: { type: "string" },
    quick: { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
    partners: { type: "string" },
    keep: { type: "boolean", default: false },
    "no-server": { type: "boolean", default: false },
    "leads-only": { type: "boolean", default: false },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3224" },
  },
});
const smoke = a.smoke!;
const referrals = smoke ? 5_000 : a.scale ? Number(a.scale) : a.quick ? 100_000 : 1_000_000;
const partners = a.partners ? Number(a.partners) : smoke ? 50 : 1_000;
const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

const loadAtStart = os.loadavg();
const report: Report = {
  summary: emptySummary(),
  startedAt: new Date().toISOString(),
  machine: machine(),
  options: { referrals, partners, smoke, quick: a.quick },
  data: { referrals, partners },
  lines: [],
  details: {},
  notes: [],
};
const failures: string[] = [];

const db = await createBenchDb();
log(`database ${db.name} created and migrated`);
try {
  const t0 = performance.now();
  const gen = await generate(db.sql, { partners, referrals, days: 365, seed: 11, end: new Date() });
  const loadS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const { rows: rollupRows } = await rebuildRollups(db.handle.db);
  const rebuildS = (performance.now() - t1) / 1000;
  report.data = {
    ...report.data,
    rows: gen.rows,
    rollupRows,
    largestPartnerReferrals: gen.largestPartnerReferrals,
    calculatedRewards: gen.calculatedRewards,
  };
  log(
    `loaded ${Object.entries(gen.rows)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} in ${loadS.toFixed(1)} s; rollups rebuilt (${rollupRows} rows) in ${rebuildS.toFixed(1)} s`,
  );
  report.lines.push({
    name: "Data load (COPY + indexes) + rollup rebuild",
    via: "bench/generate.ts",
    value: `${(loadS + rebuildS).toFixed(1)} s`,
    target: "< 120 s",
    ok: loadS + rebuildS < 120,
  });
  const mismatches = await checkRollups(db.handle.db);
  if (mismatches !== 0) failures.push(`rollups differ from raw aggregates in ${mismatches} rows after the load`);
  const creds = await createCredentials(db.sql, gen.partnerIds[0]);
  const ctx = { db, gen, creds, smoke, report, log, failures, root, port: Number(a.port), leadsOnly: a["leads-only"] };
  await inProcessPhases(ctx);
  if (!a["no-server"]) {
    await serverPhases(ctx);
    if (!a["leads-only"]) {
      await memoryPhase(ctx);
      await noStatisticsPhase(ctx, { keep: a.keep! });
    }
  }
} catch (e) {
  failures.push(`bench aborted: ${(e as Error).stack ?? e}`);
} finally {
  if (a.keep) log(`kept database ${db.url}`);
  else await db.drop();
}

// Other work on the machine moves every req/s and latency figure: the run says how busy the machine was.
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
report.notes.push(
  `Load average (1 / 5 / 15 min) on ${os.cpus().length} cores: ${load(loadAtStart)} at the start, ${load(os.loadavg())} at the end${Math.max(loadAtStart[0], os.loadavg()[0]) > os.cpus().length ? ": the machine was shared, so throughput and latency are below a quiet run" : ""}.`,
);
console.log(`\n${table(report.lines)}\n`);
for (const n of report.notes) console.log(`- ${n}`);
if (failures.length) console.error(`\nFAILURES:\n${failures.map((f) => `- ${f}`).join("\n")}`);
if (!smoke) {
  const file = writeJson(root, { ...report, details: { ...report.details, failures } });
  const doc = writePerformanceDoc(root, report);
  log(`wrote ${path.relative(root, file)} and ${path.relative(root, doc)}`);
}
process.exit(failures.length ? 1 : 0);
