import autocannon from "autocannon";
import fs from "node:fs";
import path from "node:path";
import { MAX_CONNECTIONS, type BenchContext } from "./context";
import { loadTest, signIn } from "./http";
import { consentVersion } from "./phases-server";
import { startServer } from "./server";
import { BENCH_ADMIN, BENCH_PARTNER, BENCH_PASSWORD } from "./setup";

/**
 * Memory of the server with one and with two processes (docs/performance.md#the-summary): each count starts on the
 * bench database (PostgreSQL; `WEB_CONCURRENCY=N`, scripts/start.mjs), takes the same short load (lead capture at 16
 * connections, then the signed-in dashboards and the quote form at 4 connections each, so that every process serves
 * both kinds), and then the VmRSS of every process of its tree (the primary and its workers) is read from /proc
 * and summed.
 */
export interface MemoryResult {
  processes: number;
  /** Total VmRSS of the tree after the load, MB. */
  rssMb: number;
  /** Each process of the tree after the load. */
  perProcess: { pid: number; mb: number }[];
  /** Highest total seen from the server's start to the end of the load (sampled every 200 ms), MB. */
  peakMb: number;
  leads: { requests: number; errors: number; rps: number };
  pages: Record<string, { requests: number; errors: number }>;
}

/** GETs of one page at `connections` for `seconds`; each connection is a socket the cluster hands to a worker. */
async function getLoad(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const r = await autocannon({ url, headers, connections, duration: seconds });
  return { requests: r.requests.total, errors: (r.errors ?? 0) + (r.timeouts ?? 0) + (r.non2xx ?? 0) };
}

async function measure(ctx: BenchContext, processes: number, version: string): Promise<MemoryResult> {
  const { db, gen, creds, smoke, root } = ctx;
  const logFile = path.join(root, ".data", `bench-server-${processes}p.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const server = await startServer(root, ctx.port, db.url, logFile, { WEB_CONCURRENCY: String(processes) });
  try {
    const api = { authorization: `Bearer ${creds.apiKey}`, "x-api-key": creds.apiKey };
    const run = `${Date.now().toString(36)}-${processes}`;
    const lead = (i: number) => ({
      firstName: "Bench",
      lastName: `Memory${i}`,
      email: `mem-${run}-${i}@prospects.bench.test`,
      phone: String(6_000_000_000 + processes * 100_000_000 + i),
      state: "CA",
      insuranceType: "AUTO",
      referralCode: gen.codes[i % gen.codes.length],
      source: "WEBSITE",
      consent: { given: true, textVersion: version },
    });
    const seconds = smoke ? 2 : 10;
    const leads = await loadTest(`${server.base}/api/v1/leads`, api, lead, {
      rate: null,
      connections: MAX_CONNECTIONS,
      seconds,
    });
    const pages: MemoryResult["pages"] = {};
    const admin = await signIn(server.base, BENCH_ADMIN, BENCH_PASSWORD);
    const partner = await signIn(server.base, BENCH_PARTNER, BENCH_PASSWORD);
    for (const [page, cookie] of [
      ["/portal", partner],
      ["/admin", admin],
      ["/quote", ""],
    ] as const) {
      if (cookie === null) {
        pages[page] = { requests: 0, errors: 1 };
        continue;
      }
      pages[page] = await getLoad(`${server.base}${page}`, cookie ? { cookie } : {}, 4, smoke ? 1 : 5);
    }
    // Read once the load has ended: what the processes hold, not a passing allocation.
    await new Promise((r) => setTimeout(r, 1000));
    const perProcess = server.rssNowMb();
    return {
      processes,
      rssMb: Math.round(perProcess.reduce((s, p) => s + p.mb, 0)),
      perProcess,
      peakMb: server.peakRssMb(),
      leads: { requests: leads.requests, errors: leads.errors, rps: leads.rps },
      pages,
    };
  } finally {
    await server.stop();
  }
}

export async function memoryPhase(ctx: BenchContext): Promise<void> {
  const { smoke, report, log, failures, root } = ctx;
  const version = await consentVersion(root);
  const results: MemoryResult[] = [];
  // Smoke: the two-process start only (the cluster path); one process is the server the other phases ran.
  for (const processes of smoke ? [2] : [1, 2]) {
    log(`server memory with ${processes} process${processes > 1 ? "es" : ""} (WEB_CONCURRENCY=${processes})`);
    const m = await measure(ctx, processes, version);
    results.push(m);
    // The primary and its workers: one process, or one more than the workers.
    const expected = processes === 1 ? 1 : processes + 1;
    if (m.perProcess.length < expected)
      failures.push(`memory phase: ${m.perProcess.length} processes seen for WEB_CONCURRENCY=${processes}`);
    const errors = m.leads.errors + Object.values(m.pages).reduce((s, p) => s + p.errors, 0);
    if (errors) failures.push(`memory phase (${processes} processes): ${errors} errors (${JSON.stringify(m)})`);
    report.summary![processes === 1 ? "rss1ProcessMb" : "rss2ProcessesMb"] = m.rssMb;
    report.lines.push({
      name: `Server memory after a short load, ${processes} process${processes > 1 ? "es" : ""}${smoke ? " (smoke)" : ""}`,
      via: `/proc VmRSS of the process tree, WEB_CONCURRENCY=${processes}, PostgreSQL`,
      value: `${m.rssMb} MB (${m.perProcess.map((p) => Math.round(p.mb)).join(" + ")}), peak ${m.peakMb} MB`,
      ...(processes === 2 ? { target: "< 600 MB", ok: m.rssMb < 600 } : {}),
    });
  }
  report.details.memory = results;
}
