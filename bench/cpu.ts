import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { Sql } from "postgres";

/**
 * CPU time from /proc: utime + stime of a set of processes, in milliseconds. On a busy machine req/s moves
 * with the neighbours' load; the CPU a lead costs the server (and PostgreSQL) moves far less.
 */
let ticksPerSecond: number | undefined;
function hz(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of one process (all its threads), in ms; 0 when it is gone or /proc is missing. */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / hz();
  } catch {
    return 0;
  }
}

/** The backends serving a database (every connection to it but the asking one). */
async function backendPids(sql: Sql, database: string): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}

export interface CpuUse {
  /** Server process tree, ms (null without a server). */
  serverMs: number | null;
  /** PostgreSQL backends of the bench database, ms (null when their /proc entries cannot be read). */
  postgresMs: number | null;
}

/**
 * Starts a meter over the server's processes (`serverPids`, read again at the end: a process started during
 * the phase counts from zero) and the database's backends (likewise; a backend that ends during the phase is
 * lost, the pools keep theirs open).
 */
export async function cpuMeter(
  sql: Sql,
  database: string,
  serverPids: (() => number[]) | null,
): Promise<() => Promise<CpuUse>> {
  const snapshot = (pids: number[]) => new Map(pids.map((p) => [p, processCpuMs(p)]));
  const delta = (before: Map<number, number>, after: Map<number, number>) =>
    [...after].reduce((s, [p, ms]) => s + ms - (before.get(p) ?? 0), 0);
  const server0 = serverPids ? snapshot(serverPids()) : null;
  const pg0 = snapshot(await backendPids(sql, database));
  return async () => {
    const server1 = serverPids ? snapshot(serverPids()) : null;
    const pg1 = snapshot(await backendPids(sql, database));
    const readable = [...pg1.values()].some((ms) => ms > 0);
    return {
      serverMs: server0 && server1 ? Math.round(delta(server0, server1)) : null,
      postgresMs: readable ? Math.round(delta(pg0, pg1)) : null,
    };
  };
}

export const perLead = (ms: number | null, leads: number): number | null =>
  ms === null || leads <= 0 ? null : Math.round((ms / leads) * 100) / 100;
