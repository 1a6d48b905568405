import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { openDb, rowsOf, type DbHandle } from "./index";
import { migrateDb } from "./migrate";

/**
 * `npm run db:move`: the embedded database's rows, copied table by table to an empty PostgreSQL database
 * (docs/operations.md#from-the-embedded-database-to-postgresql). Rows keep their ids and timestamps: each table
 * goes over as COPY text, so every type arrives exactly as stored. Triggers stay off during the copy
 * (`session_replication_role = replica`: the rollup tables are copied as they are, and foreign keys are not
 * rechecked row by row, so tables may come in any order); one transaction, so a failed move leaves the target
 * as migrated and empty.
 */
export interface MoveReport {
  tables: { table: string; source: number; target: number }[];
  violations: number;
}

export class MoveRefused extends Error {}

const SYSTEM_SCHEMAS = "('pg_catalog', 'information_schema', 'pg_toast', 'drizzle')";

/** Tables of the public schema and their stored (not generated) columns, in column order. */
async function tablesOf(db: DbHandle["db"]): Promise<{ table: string; columns: string[] }[]> {
  const rows = rowsOf<{ table_name: string; columns: string[] }>(
    await db.execute(sql`
      select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
      group by c.table_name order by c.table_name`),
  );
  return rows.map((r) => ({ table: r.table_name, columns: r.columns }));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function countOf(db: DbHandle["db"], table: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql.raw(`select count(*) as n from ${ident(table)}`)));
  return Number(row.n);
}

/**
 * What this app writes into a database before anyone uses it (migrations: the settings row and the default
 * commission plan; a first start: the job rows). A target holding only these still counts as empty.
 */
const WRITTEN_AT_START = new Set(["settings", "commission_plans", "jobs", "job_runs"]);

/** Refuses a target that holds anything else: a row in any table outside that list. */
async function assertEmpty(targetUrl: string): Promise<void> {
  const admin = postgres(targetUrl, { max: 1, onnotice: () => {} });
  try {
    const tables = await admin.unsafe<{ schema: string; name: string }[]>(
      `select table_schema as schema, table_name as name from information_schema.tables
       where table_schema not in ${SYSTEM_SCHEMAS} and table_type = 'BASE TABLE'`,
    );
    for (const t of tables) {
      if (t.schema === "public" && WRITTEN_AT_START.has(t.name)) continue;
      const [{ n }] = await admin.unsafe<{ n: string }[]>(
        `select count(*) as n from ${ident(t.schema)}.${ident(t.name)}`,
      );
      if (Number(n) > 0)
        throw new MoveRefused(
          `the target database is not empty (${t.schema}.${t.name} has ${n} rows): give an empty database`,
        );
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export async function moveToPostgres(
  source: DbHandle,
  targetUrl: string,
  say: (line: string) => void = () => {},
): Promise<MoveReport> {
  if (source.driver !== "pglite") throw new MoveRefused("the source must be the embedded database");
  await assertEmpty(targetUrl);
  await migrateDb(source);
  const target = await openDb({ url: targetUrl, max: 2 });
  const writer = postgres(targetUrl, { max: 1, onnotice: () => {} });
  try {
    await migrateDb(target);
    const tables = await tablesOf(source.db);
    const pglite = (source.db as unknown as { $client: { query: (q: string) => Promise<{ blob?: Blob }> } }).$client;
    await writer.begin(async (tx) => {
      await tx.unsafe("set local session_replication_role = replica");
      // What the target's migrations (or a first start) wrote gives way to the source's rows.
      await tx.unsafe(`truncate ${tables.map((t) => ident(t.table)).join(", ")}`);
      for (const { table, columns } of tables) {
        const list = columns.map(ident).join(", ");
        const { blob } = await pglite.query(`copy ${ident(table)} (${list}) to '/dev/blob'`);
        // PGlite answers an empty table without a blob.
        if (!blob?.size) continue;
        const data = Buffer.from(await blob.arrayBuffer());
        const into = await tx.unsafe(`copy ${ident(table)} (${list}) from stdin`).writable();
        await pipeline(Readable.from([data]), into);
      }
      // Sequences (identity and serial columns) continue after the highest id copied.
      const sequences = await tx.unsafe<{ seq: string; tbl: string; col: string }[]>(`
        select s.seq, s.tbl, s.col from (
          select pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) as seq,
                 table_name as tbl, column_name as col
          from information_schema.columns where table_schema = 'public') s
        where s.seq is not null`);
      for (const s of sequences)
        await tx.unsafe(
          `select setval('${s.seq.replace(/'/g, "''")}', coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 0) + 1, false)`,
        );
    });
    const report: MoveReport = { tables: [], violations: 0 };
    for (const { table } of tables) {
      const [a, b] = await Promise.all([countOf(source.db, table), countOf(target.db, table)]);
      report.tables.push({ table, source: a, target: b });
      say(`${a === b ? "ok  " : "DIFF"} ${table.padEnd(32)} ${String(a).padStart(8)} → ${b}`);
    }
    report.violations = totalViolations(await checkInvariants(target.db));
    say(`invariants on the target: ${report.violations} violation${report.violations === 1 ? "" : "s"}`);
    return report;
  } finally {
    await writer.end({ timeout: 5 });
    await target.close();
  }
}
