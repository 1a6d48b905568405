import type { Generated } from "./generate";
import type { Report } from "./report";
import type { BenchDb, Credentials } from "./setup";
import type { Summary, Throughput } from "./stats";

export interface BenchContext {
  db: BenchDb;
  gen: Generated;
  creds: Credentials;
  smoke: boolean;
  report: Report;
  log: (msg: string) => void;
  failures: string[];
  root: string;
  port: number;
  /** Only the lead capture phases (--leads-only). */
  leadsOnly?: boolean;
  /** Raw-SQL lead capture at 16 workers, for the HTTP ÷ raw ratio. */
  rawLeads?: Throughput;
}

export const ms = (x: number): string => `${Math.round(x * 10) / 10} ms`;
export const p5095 = (s: Summary): string => `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`;
/** Concurrency of the maximum-throughput phases (HTTP and raw SQL alike). */
export const MAX_CONNECTIONS = 16;
