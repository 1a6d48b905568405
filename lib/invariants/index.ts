import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { checkRollups } from "@/lib/analytics/rollup";
import { CHECKS } from "./checks";

export interface InvariantResult {
  name: string;
  description: string;
  violations: number;
  /** Up to 5 offending ids, to look them up. */
  sample: string[];
}

/** Runs every invariant against the database; 0 violations everywhere is the only healthy answer. */
export async function checkInvariants(db: DbOrTx): Promise<InvariantResult[]> {
  const out: InvariantResult[] = [];
  for (const c of CHECKS) {
    const rows = rowsOf<{ id: string }>(await db.execute(sql.raw(`select id from (${c.sql}) v(id)`)));
    out.push({
      name: c.name,
      description: c.description,
      violations: rows.length,
      sample: rows.slice(0, 5).map((r) => r.id),
    });
  }
  out.push({
    name: "rollups_equal_raw_aggregates",
    description: "Analytics rollups (plus pending deltas) equal the aggregates of the raw rows",
    violations: await checkRollups(db),
    sample: [],
  });
  return out;
}

export const totalViolations = (results: InvariantResult[]) => results.reduce((a, r) => a + r.violations, 0);
