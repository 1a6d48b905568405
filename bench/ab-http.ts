// `npm run bench:ab -- --before <checkout> [--after <checkout>]`: lead capture and conversion over HTTP, two builds
// side by side. Each checkout (a git worktree of an older commit, say) runs in production mode on its own fresh
// PostgreSQL database, migrated and seeded with the demo data by its own start-up; the rounds alternate (A B B A …)
// so a neighbour's load falls on both sides alike, and the figures are the medians of the rounds. The server's CPU
// per request (utime + stime of its process tree, from /proc) is the figure that moves least with the machine's
// load. Writes bench/results/ab-<timestamp>.json; docs/performance.md quotes a run.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres, { type Sql } from "postgres";
import { MAX_CONNECTIONS } from "./context";
import { cpuMeter, perLead } from "./cpu";
import { startServer, type Server } from "./server";
import { closedLoop, type Throughput } from "./stats";

const { values: a } = parseArgs({
  options: {
    before: { type: "string" },
    after: { type: "string", default: "." },
    rounds: { type: "string", default: "6" },
    seconds: { type: "string", default: "10" },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3230" },
  },
});
if (!a.before) throw new Error("--before <checkout> is required (a directory holding an older commit)");
const rounds = Number(a.rounds);
const seconds = Number(a.seconds);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const log = (m: string) => console.log(`[ab ${new Date().toISOString().slice(11, 19)}] ${m}`);

interface Side {
  name: "before" | "after";
  root: string;
  database: string;
  sql: Sql;
  server: Server;
  headers: Record<string, string>;
  consentVersion: string;
  /** Referrals made by the capture rounds, converted by the conversion rounds. */
  referrals: string[];
  capture: { rps: number; serverMsPerLead: number | null; postgresMsPerLead: number | null; p99: number }[];
  conversion: { rps: number; serverMsPerConversion: number | null; p99: number }[];
}

const baseUrl = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");
const adminSql = () => {
  const u = new URL(baseUrl);
  u.pathname = "/postgres";
  return postgres(u.toString(), { max: 1, onnotice: () => {} });
};

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function consentVersionOf(root: string): Promise<string> {
  const file = path.join(root, "lib", "leads", "consent-text.ts");
  if (!fs.existsSync(file)) return "v1";
  const m = /CURRENT_CONSENT_VERSION\s*=\s*"([^"]+)"/.exec(fs.readFileSync(file, "utf8"));
  return m?.[1] ?? "v1";
}

async function openSide(name: Side["name"], root: string, port: number, stamp: string): Promise<Side> {
  const database = `rp_ab_${name}_${stamp}`;
  const admin = adminSql();
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  const logFile = path.join(process.cwd(), ".data", `bench-ab-${name}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  log(`${name}: starting ${root} on port ${port} (builds first when needed; log in ${logFile})`);
  const server = await startServer(root, port, url.toString(), logFile, { SEED_DEMO: "1" });
  const token = await json<{ accessToken: string }>(
    await fetch(`${server.base}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@demo.test", password: "demo-password" }),
    }),
    `${name}: POST /api/v1/auth/token`,
  );
  // An integration key, as the lead forms of a partner site would use.
  const key = await json<{ key?: string; apiKey?: string }>(
    await fetch(`${server.base}/api/v1/api-keys`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token.accessToken}` },
      body: JSON.stringify({ name: "ab bench", role: "ADMIN" }),
    }),
    `${name}: POST /api/v1/api-keys`,
  );
  const secret = key.key ?? key.apiKey;
  if (!secret) throw new Error(`${name}: POST /api/v1/api-keys returned no key`);
  return {
    name,
    root,
    database,
    sql: postgres(url.toString(), { max: 2, onnotice: () => {} }),
    server,
    headers: { "content-type": "application/json", "x-api-key": secret },
    consentVersion: await consentVersionOf(root),
    referrals: [],
    capture: [],
    conversion: [],
  };
}

async function closeSide(s: Side): Promise<void> {
  await s.server.stop();
  await s.sql.end({ timeout: 5 });
  const admin = adminSql();
  await admin.unsafe(`drop database if exists "${s.database}" with (force)`);
  await admin.end();
}

let prospect = 0;
async function captureRound(s: Side, secs: number): Promise<Throughput> {
  const run = Date.now().toString(36);
  const meter = await cpuMeter(s.sql, s.database, s.server.pids);
  const t = await closedLoop(
    async () => {
      const i = prospect++;
      const res = await fetch(`${s.server.base}/api/v1/leads`, {
        method: "POST",
        headers: s.headers,
        body: JSON.stringify({
          firstName: "Bench",
          lastName: `Prospect${i}`,
          email: `ab-${run}-${i}@prospects.bench.test`,
          phone: String(7_000_000_000 + i),
          state: "CA",
          insuranceType: "AUTO",
          referralCode: "DEMPAR0001",
          source: "WEBSITE",
          consent: { given: true, textVersion: s.consentVersion },
        }),
      });
      const body = await json<{ referral?: { id: string } | null }>(res, "POST /api/v1/leads");
      if (body.referral?.id) s.referrals.push(body.referral.id);
    },
    MAX_CONNECTIONS,
    secs,
  );
  const cpu = await meter();
  s.capture.push({
    rps: t.rps,
    serverMsPerLead: perLead(cpu.serverMs, t.requests),
    postgresMsPerLead: perLead(cpu.postgresMs, t.requests),
    p99: Math.round(t.latency.p99),
  });
  return t;
}

async function conversionRound(s: Side, secs: number): Promise<Throughput | null> {
  const ids = s.referrals.splice(0);
  if (!ids.length) return null;
  let next = 0;
  const meter = await cpuMeter(s.sql, s.database, s.server.pids);
  const t = await closedLoop(
    async () => {
      const id = ids[next++];
      if (!id) {
        await new Promise((r) => setTimeout(r, 50));
        return;
      }
      await json(
        await fetch(`${s.server.base}/api/v1/referrals/${id}/process-conversion`, {
          method: "POST",
          headers: s.headers,
          body: JSON.stringify({ conversionValueCents: 100_000 }),
        }),
        "POST /api/v1/referrals/{id}/process-conversion",
      );
    },
    MAX_CONNECTIONS,
    secs,
  );
  const done = Math.min(next, ids.length);
  const cpu = await meter();
  s.conversion.push({
    rps: Math.round(done / t.seconds),
    serverMsPerConversion: perLead(cpu.serverMs, done),
    p99: Math.round(t.latency.p99),
  });
  return t;
}

async function main() {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const port = Number(a.port);
  const roots = { before: path.resolve(a.before!), after: path.resolve(a.after!) };
  const sides: Side[] = [];
  try {
    sides.push(await openSide("before", roots.before, port, stamp));
    sides.push(await openSide("after", roots.after, port + 1, stamp));
    for (const s of sides) await captureRound(s, 3); // warm-up, also makes the first referrals
    for (const s of sides) {
      await conversionRound(s, 2);
      s.capture.length = 0;
      s.conversion.length = 0;
    }
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const s of order) {
        await captureRound(s, seconds);
        const c = s.capture.at(-1)!;
        log(
          `round ${r + 1} ${s.name} capture: ${c.rps} req/s, server CPU ${c.serverMsPerLead} ms/lead, p99 ${c.p99} ms`,
        );
      }
      for (const s of order) {
        await conversionRound(s, Math.max(2, Math.round(seconds / 2)));
        const c = s.conversion.at(-1);
        if (c)
          log(
            `round ${r + 1} ${s.name} conversion: ${c.rps} /s, server CPU ${c.serverMsPerConversion} ms/conversion, p99 ${c.p99} ms`,
          );
      }
    }
    const summary = Object.fromEntries(
      sides.map((s) => [
        s.name,
        {
          root: s.root,
          captureRps: median(s.capture.map((c) => c.rps)),
          captureServerCpuMsPerLead: median(s.capture.map((c) => c.serverMsPerLead ?? NaN)),
          capturePostgresCpuMsPerLead: median(s.capture.map((c) => c.postgresMsPerLead ?? NaN)),
          captureP99Ms: median(s.capture.map((c) => c.p99)),
          conversionRps: median(s.conversion.map((c) => c.rps)),
          conversionServerCpuMsPerConversion: median(s.conversion.map((c) => c.serverMsPerConversion ?? NaN)),
        },
      ]),
    );
    const [b, f] = [summary.before, summary.after];
    const change = (x: number, y: number) => Math.round(((y - x) / x) * 1000) / 10;
    const result = {
      at: new Date().toISOString(),
      rounds,
      seconds,
      connections: MAX_CONNECTIONS,
      summary,
      changePercent: {
        captureRps: change(b.captureRps, f.captureRps),
        captureServerCpuMsPerLead: change(b.captureServerCpuMsPerLead, f.captureServerCpuMsPerLead),
        conversionRps: change(b.conversionRps, f.conversionRps),
        conversionServerCpuMsPerConversion: change(
          b.conversionServerCpuMsPerConversion,
          f.conversionServerCpuMsPerConversion,
        ),
      },
      rawRounds: Object.fromEntries(sides.map((s) => [s.name, { capture: s.capture, conversion: s.conversion }])),
    };
    const out = path.join(process.cwd(), "bench", "results", `ab-${stamp}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
    console.log(JSON.stringify({ summary: result.summary, changePercent: result.changePercent }, null, 2));
    log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    for (const s of sides) await closeSide(s).catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
