import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { acquireDirLock } from "./lock";
import { preparing } from "./prepared";
import { pgliteFeed, postgresFeed } from "./settings-feed";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; domain functions accept `Db | Tx` alike. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type Driver = "postgres" | "pglite";

export interface DbHandle {
  db: Db;
  driver: Driver;
  /** The postgres:// URL (PostgreSQL only). */
  url?: string;
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  dataDir?: string;
  /** Take the directory lock (servers and CLI scripts do; tests with their own directory may not). */
  lock?: boolean;
  max?: number;
  /** postgres.js `max_pipeline`: queries sent ahead on one connection (tests lower it to reach the limit). */
  pipeline?: number;
  /** Called with every statement's text and parameters as it is sent (tests record the capture path's SQL). */
  onQuery?: (text: string, params: unknown[]) => void;
}

export function defaultDataDir(): string {
  return env().PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

export async function openDb(opts: OpenOptions = {}): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const options = {
      max: Math.min(opts.max ?? 10, 10),
      ...(opts.pipeline !== undefined ? { max_pipeline: opts.pipeline } : {}),
      ...(opts.onQuery ? { debug: (_c: number, text: string, params: unknown[]) => opts.onQuery!(text, params) } : {}),
      onnotice: () => {},
      // Statements are prepared (db/prepared.ts) for one round trip each, but planned for their actual
      // parameters every time: a generic plan made for a 30-day range was reused for 365 days (3× slower).
      connection: { plan_cache_mode: "force_custom_plan" },
      // Keep bigint columns exact: postgres.js returns int8 as string unless told otherwise;
      // Drizzle's `mode: "number"` columns convert, raw SQL callers use Number() explicitly.
    };
    const client = postgres(opts.url, options);
    let bump = () => {};
    const pooled = preparing(client, () => bump());
    // The settings cache's LISTEN connection (db/settings-feed.ts): not the pool's own `listen`, which would
    // pass every statement to `onQuery`.
    const url = opts.url;
    const feed = postgresFeed(pooled, () => postgres(url, { max: 1, onnotice: () => {} }));
    bump = feed.bump;
    const db = drizzle(pooled, { schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      url: opts.url,
      close: async () => {
        await feed.close();
        await pooled.end({ timeout: 5 });
      },
    };
  }
  const dataDir = opts.dataDir ?? defaultDataDir();
  const release = opts.lock !== false && !dataDir.startsWith("memory://") ? acquireDirLock(dataDir) : () => {};
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = dataDir.startsWith("memory://") ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const feed = pgliteFeed(client);
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    close: async () => {
      await feed.close();
      await client.close();
      release();
    },
  };
}

const globalForDb = globalThis as unknown as { __rpDb?: Promise<DbHandle> };

/**
 * The process-wide client. Next bundles this module into several chunks, so the handle lives on
 * `globalThis`: one client (and one PGlite lock) per process.
 */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__rpDb ??= openDb({ url: env().DATABASE_URL });
  return globalForDb.__rpDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Rows of a `db.execute()` result: an array on postgres.js, `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { schema };
