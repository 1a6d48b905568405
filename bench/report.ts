import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** One line of the results table; `via` says what was measured (HTTP route, domain function, raw SQL). */
export interface Line {
  name: string;
  via: string;
  value: string;
  target?: string;
  ok?: boolean;
}

/**
 * The run's headline figures, numeric, at the top of bench/results/<run>.json (docs/performance.md#the-summary).
 * null: not measured in this run (a phase skipped, or a measure the bench does not take yet).
 */
export interface BenchSummary {
  /** POST /api/v1/leads at 16 connections, one server process. */
  leadCaptureHttpRps: number | null;
  /** The same database work as raw SQL (bench/raw-lead.ts), 16 workers. */
  leadCaptureRawRps: number | null;
  /** leadCaptureHttpRps ÷ leadCaptureRawRps, 0–1, both from this run. */
  ratio: number | null;
  /** Server process tree CPU (utime + stime) per lead over the 16-connection phase, ms. */
  serverCpuMsPerLead: number | null;
  /** PostgreSQL backend CPU per lead over the same phase, ms. */
  postgresCpuMsPerLead: number | null;
  /** PostgreSQL backend CPU per lead of the raw-SQL baseline, ms. */
  rawPostgresCpuMsPerLead: number | null;
  /** POST /api/v1/referrals/{id}/process-conversion at 16 connections, conversions per second. */
  conversionHttpRps: number | null;
  /** Server process tree CPU per conversion over that phase, ms. */
  serverCpuMsPerConversion: number | null;
  /** PostgreSQL backend CPU per conversion over that phase, ms. */
  postgresCpuMsPerConversion: number | null;
  /** Total VmRSS of the server's process tree with WEB_CONCURRENCY=2 on PostgreSQL, after a short load, MB. */
  rss2ProcessesMb: number | null;
  /** The same with one process (WEB_CONCURRENCY=1), same load, MB. */
  rss1ProcessMb: number | null;
  /** Admin analytics over 365 days, in-process p50, ms. */
  analytics365dP50Ms: number | null;
  /** GET /portal for the largest partner, signed in, p95, ms. */
  portalP95Ms: number | null;
  /** JavaScript sent for /quote: its `<script src>` chunks, each gzipped (node:zlib), summed, kB. */
  quoteJsKb: number | null;
  /** The same for /portal, signed in as the largest partner, kB. */
  portalJsKb: number | null;
  /** The same for /admin, signed in as an admin, kB. */
  adminJsKb: number | null;
  /** Lead capture at a fixed 100 req/s for 60 s after 50,000 leads on unanalyzed tables, p99, ms. */
  p99At100RpsNoStatsMs: number | null;
  /** Failed or refused requests of that phase. */
  errorsAt100RpsNoStats: number | null;
}

export const emptySummary = (): BenchSummary => ({
  leadCaptureHttpRps: null,
  leadCaptureRawRps: null,
  ratio: null,
  serverCpuMsPerLead: null,
  postgresCpuMsPerLead: null,
  rawPostgresCpuMsPerLead: null,
  conversionHttpRps: null,
  serverCpuMsPerConversion: null,
  postgresCpuMsPerConversion: null,
  rss2ProcessesMb: null,
  rss1ProcessMb: null,
  analytics365dP50Ms: null,
  portalP95Ms: null,
  quoteJsKb: null,
  portalJsKb: null,
  adminJsKb: null,
  p99At100RpsNoStatsMs: null,
  errorsAt100RpsNoStats: null,
});

export interface Report {
  /** Headline figures (written first in the JSON file). */
  summary?: BenchSummary;
  startedAt: string;
  machine: string;
  options: Record<string, unknown>;
  data: Record<string, unknown>;
  lines: Line[];
  details: Record<string, unknown>;
  notes: string[];
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

export function table(lines: Line[]): string {
  const head = ["Measure", "Via", "Result", "Target", ""];
  const rows = lines.map((l) => [
    l.name,
    l.via,
    l.value,
    l.target ?? "",
    l.ok === undefined ? "" : l.ok ? "met" : "MISSED",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [fmt(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(fmt)].join("\n");
}

export function writeJson(root: string, report: Report): string {
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.startedAt.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  return file;
}

export const PERFORMANCE_DOC = path.join("docs", "performance.md");
const START = "<!-- bench:latest:start -->";
const END = "<!-- bench:latest:end -->";

/** The latest run as Markdown: when, at what size, on what machine, the table and the notes. */
export function latestRunMarkdown(report: Report): string {
  return [
    `Latest run: ${report.startedAt}, ${report.data.referrals} referrals, ${report.data.partners} partners. Machine: ${report.machine}.`,
    "",
    table(report.lines),
    ...(report.notes.length ? ["", ...report.notes.map((n) => `- ${n}`)] : []),
  ].join("\n");
}

/**
 * Writes the latest run into docs/performance.md, between its `bench:latest` markers; the hand-written text
 * around them stays. No other file is written.
 */
export function writePerformanceDoc(root: string, report: Report): string {
  const file = path.join(root, PERFORMANCE_DOC);
  const block = `${START}\n\n${latestRunMarkdown(report)}\n\n${END}`;
  const doc = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Performance\n";
  const start = doc.indexOf(START);
  const end = doc.indexOf(END, start);
  const next =
    start >= 0 && end > start
      ? doc.slice(0, start) + block + doc.slice(end + END.length)
      : `${doc.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next.endsWith("\n") ? next : `${next}\n`);
  return file;
}
