import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reuse";
import { feedOf, MAX_AGE_MS } from "@/db/settings-feed";
import { settings } from "@/db/schema";
import { env } from "@/lib/env";

export type Settings = typeof settings.$inferSelect;

/**
 * Program settings with the environment's rate-limit overrides applied
 * (tests and the benchmark raise them: RATE_LIMIT_QUOTE, RATE_LIMIT_LOGIN, RATE_LIMIT_LOGIN_IP, RATE_LIMIT_CODE).
 */
const settingsRow = reusable("settings_row", (db) =>
  db
    .select()
    .from(settings)
    .where(eq(settings.id, sql.placeholder("id"))),
);

async function readRow(db: DbOrTx): Promise<Settings> {
  const [row] = await settingsRow(db, { id: 1 });
  if (!row) throw new Error("settings row missing: run migrations");
  return row;
}

/**
 * The settings, from memory when the database handle has a live change feed (db/settings-feed.ts: every change,
 * from any process, drops the copy), else read. A transaction reads through, so it sees its own writes.
 * Concurrent misses share one read.
 */
export async function getSettings(db: DbOrTx): Promise<Settings> {
  const feed = feedOf(db);
  if (!feed) return withOverrides(await readRow(db));
  feed.start();
  if (!feed.live()) return withOverrides(await readRow(db));
  const now = Date.now();
  let cached = feed.cached;
  if (!cached || cached.generation !== feed.generation || now - cached.at > MAX_AGE_MS) {
    const generation = feed.generation;
    const read = readRow(db);
    cached = feed.cached = { generation, at: now, value: read };
    // A failed read is not kept; a change during the read has already dropped it (bump clears `cached`).
    read.catch(() => {
      if (feed.cached === cached) feed.cached = undefined;
    });
  }
  return withOverrides(await (cached.value as Promise<Settings>));
}

function withOverrides(row: Settings): Settings {
  const e = env();
  return {
    ...row,
    quoteRateLimit: e.RATE_LIMIT_QUOTE ?? row.quoteRateLimit,
    loginFailLimit: e.RATE_LIMIT_LOGIN ?? row.loginFailLimit,
    loginIpFailLimit: e.RATE_LIMIT_LOGIN_IP ?? row.loginIpFailLimit,
    codeValidationRateLimit: e.RATE_LIMIT_CODE ?? row.codeValidationRateLimit,
  };
}
