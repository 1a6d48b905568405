import { createHash, randomBytes } from "node:crypto";
import postgres, { type Sql } from "postgres";
import { openDb, type DbHandle } from "@/db";
import { migrateDb } from "@/db/migrate";
import { hashPassword } from "@/lib/auth/password";

/** The benchmark's own database on the PostgreSQL at DATABASE_URL (default 127.0.0.1:5432). */
export interface BenchDb {
  url: string;
  name: string;
  sql: Sql;
  handle: DbHandle;
  drop: () => Promise<void>;
}

/** `suffix` names a second database of the same run (the unanalyzed one of bench/no-stats.ts). */
export async function createBenchDb(suffix = ""): Promise<BenchDb> {
  const base = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  const name = `rp_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}${suffix}`;
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString() });
  await migrateDb(handle);
  const sql = postgres(url.toString(), { max: 10, onnotice: () => {} });
  return {
    url: url.toString(),
    name,
    sql,
    handle,
    drop: async () => {
      await sql.end({ timeout: 5 });
      await handle.close();
      const a = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

export const BENCH_PASSWORD = "bench-password";
export const BENCH_ADMIN = "admin@bench.test";
export const BENCH_PARTNER = "partner0@bench.test";

export interface Credentials {
  apiKey: string;
  apiKeyPrefix: string;
}

/**
 * An admin user, a portal user for the largest partner and an integration API key in the
 * app's format (`rp_<prefix>_<secret>`, SHA-256 stored, looked up by prefix).
 */
export async function createCredentials(sql: Sql, largestPartnerId: string): Promise<Credentials> {
  const hash = await hashPassword(BENCH_PASSWORD);
  await sql`insert into users (email, name, password_hash, role) values (${BENCH_ADMIN}, 'Bench Admin', ${hash}, 'ADMIN')`;
  await sql`insert into users (email, name, password_hash, role, partner_id) values (${BENCH_PARTNER}, 'Bench Partner', ${hash}, 'PARTNER', ${largestPartnerId})`;
  // As lib/auth/api-keys.ts (server-only, so not importable here): SHA-256 of the whole key.
  const prefix = randomBytes(6).toString("hex");
  const apiKey = `rp_${prefix}_${randomBytes(32).toString("base64url")}`;
  const [admin] = await sql<{ id: string }[]>`select id from users where email = ${BENCH_ADMIN}`;
  await sql`insert into api_keys (name, prefix, secret_hash, role, created_by)
    values ('benchmark', ${prefix}, ${createHash("sha256").update(apiKey).digest("hex")}, 'ADMIN', ${admin.id})`;
  return { apiKey, apiKeyPrefix: prefix };
}
