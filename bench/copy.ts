import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import type { Sql } from "postgres";

/** Text-format COPY field: \N for null, with backslash, tab and newlines escaped. */
export function field(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v !== "string") return String(v);
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : v;
}

/**
 * One COPY … FROM STDIN on a reserved connection. Rows are buffered into 256 KB chunks; the
 * generator loop calls `drain()` now and then so memory stays flat whatever the scale.
 */
export class CopySink {
  rows = 0;
  private buf: string[] = [];
  private size = 0;
  private pendingDrain: Promise<unknown> | null = null;

  private constructor(
    private readonly stream: Writable,
    private readonly release: () => Promise<void>,
  ) {}

  static async open(sql: Sql, table: string, columns: string[], replica: boolean): Promise<CopySink> {
    const conn = await sql.reserve();
    // Replica role skips foreign-key checks and user triggers (the rollup feed) on this connection
    // (superuser only); the generator keeps references consistent and the rollups are rebuilt after.
    if (replica) await conn.unsafe("set session_replication_role = replica");
    const stream = await conn.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
    // The connection goes back to the pool: it must fire triggers again for everyone after.
    const release = () => conn.unsafe("reset session_replication_role").then(() => conn.release());
    return new CopySink(stream, release);
  }

  row(values: (string | number | boolean | null | undefined)[]): void {
    const line = values.map(field).join("\t") + "\n";
    this.buf.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= 1 << 18) this.flush();
  }

  private flush(): void {
    if (!this.buf.length) return;
    const ok = this.stream.write(this.buf.join(""));
    this.buf = [];
    this.size = 0;
    if (!ok && !this.pendingDrain)
      this.pendingDrain = once(this.stream, "drain").finally(() => (this.pendingDrain = null));
  }

  /** Waits while the server is behind. */
  async drain(): Promise<void> {
    if (this.pendingDrain) await this.pendingDrain;
  }

  async end(): Promise<number> {
    this.flush();
    this.stream.end();
    await finished(this.stream);
    await this.release();
    return this.rows;
  }
}

export interface SavedIndex {
  name: string;
  def: string;
}

/** Drops the secondary indexes of `tables` (not those backing constraints) and returns their definitions. */
export async function dropIndexes(sql: Sql, tables: string[]): Promise<SavedIndex[]> {
  const rows = await sql<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes
    where schemaname = 'public' and tablename = any(${tables})
      and indexname not in (select conname from pg_constraint)`;
  for (const r of rows) await sql.unsafe(`drop index "${r.indexname}"`);
  return rows.map((r) => ({ name: r.indexname, def: r.indexdef }));
}

/** Recreates indexes on `parallel` connections with generous maintenance memory. */
export async function createIndexes(sql: Sql, saved: SavedIndex[], parallel = 2): Promise<void> {
  const queue = [...saved];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      const conn = await sql.reserve();
      try {
        await conn.unsafe("set maintenance_work_mem = '256MB'");
        for (let next = queue.shift(); next; next = queue.shift()) await conn.unsafe(next.def);
      } finally {
        conn.release();
      }
    }),
  );
}
