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

export interface Report {
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

/** Replaces the body of the README's "## Performance" section with the latest table. */
export function updateReadme(root: string, report: Report): void {
  const file = path.join(root, "README.md");
  const readme = fs.readFileSync(file, "utf8");
  const body = [
    "## Performance",
    "",
    "`npm run bench` (issue 11) creates its own PostgreSQL database (`DATABASE_URL`, default 127.0.0.1:5432; superuser, dropped",
    "afterwards unless `--keep`), loads a seeded data set with COPY while secondary indexes and triggers are off, rebuilds the",
    "rollups, starts the app in production mode on 127.0.0.1:3224 (`JOBS=off`, rate limits raised) and measures it over",
    "loopback. `--quick` uses 100,000 referrals, `--scale N` any size, `--smoke` runs the whole pipeline at small scale",
    "without the timed phases (CI: `npm test -- --bench-smoke`). Each run writes `bench/results/<timestamp>.json`.",
    "",
    "Dashboards and `/statistics` read daily rollups (`rollup_daily`: metric, UTC day, partner, dim), one row per partner",
    "and one program-wide row (`ALL_PARTNERS`) per key. Statement-level triggers with transition tables append deltas to",
    "`rollup_deltas` in the writer's transaction (no hot row: lead capture only appends), the `fold-analytics` job folds them every 30 s",
    "(`foldRollupDeltas`), readers add the pending deltas, and `checkRollups` proves rollups + deltas equal the raw",
    "aggregates. Keys: clicks by day and validity; referrals by creation day, source and current status (with conversion",
    "value); rewards by creation day, type and current status (with amount); payouts by paid day (created day until",
    "paid), method and status. Figures are cohorts of the period: conversion rate = referrals created in the period now",
    "CONVERTED or PAID ÷ referrals created in the period; clicks are valid clicks; earnings are CALCULATED + APPROVED +",
    "PAID reward amounts.",
    "",
    `Latest run: ${report.startedAt}, ${report.data.referrals} referrals, ${report.data.partners} partners. Machine: ${report.machine}.`,
    "",
    table(report.lines),
    "",
    ...report.notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
  const start = readme.indexOf("## Performance");
  let next;
  if (start < 0) next = `${readme.trimEnd()}\n\n${body}`;
  else {
    const after = readme.indexOf("\n## ", start + 3);
    next = readme.slice(0, start) + body + (after < 0 ? "" : readme.slice(after + 1));
  }
  fs.writeFileSync(file, next.endsWith("\n") ? next : `${next}\n`);
}
