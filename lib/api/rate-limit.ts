import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { AppError } from "@/lib/errors";

/**
 * Fixed-window counter in the database (`rate_limits`), so limits hold across restarts and instances.
 * Throws `rate_limited` (429 with Retry-After) once `limit` hits fell in the current window.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowSeconds: number): Promise<void> {
  const nowMs = Date.now();
  const windowStartMs = Math.floor(nowMs / (windowSeconds * 1000)) * windowSeconds * 1000;
  const windowStart = new Date(windowStartMs).toISOString();
  const [row] = rowsOf<{ count: number }>(
    await db.execute(sql`
      insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, 1)
      on conflict (key, window_start) do update set count = rate_limits.count + 1
      returning count`),
  );
  if (Number(row.count) > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStartMs + windowSeconds * 1000 - nowMs) / 1000));
    throw new AppError("rate_limited", "Too many requests; try again later", { retryAfterSeconds });
  }
}
