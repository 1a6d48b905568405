import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the current window ends (0 when allowed). */
  retryAfterSeconds: number;
  /** Hits counted in the current window, this one included. */
  count: number;
  limit: number;
  /** Seconds until the current window ends and the count restarts. */
  resetSeconds: number;
}

/**
 * Fixed-window counter kept in `rate_limits`, so limits hold across restarts and instances.
 * One upsert per hit: concurrent hits on one key serialise on its row and each sees its own count.
 */
export async function hitRateLimit(
  db: DbOrTx,
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const windowMs = Math.max(1, Math.floor(windowSeconds)) * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const result = await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart.toISOString()}, 1)
    on conflict (key, window_start) do update set count = rate_limits.count + 1
    returning count`);
  const count = Number(rowsOf<{ count: number | string }>(result)[0]?.count ?? 1);
  const allowed = count <= limit;
  const retryAfterSeconds = allowed
    ? 0
    : Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed, retryAfterSeconds, count, limit, resetSeconds };
}

/**
 * The RateLimit header fields of the IETF draft (docs/security.md) for an answer of a limited route:
 * the limit, the hits left in the window and the seconds until it restarts; a refusal adds Retry-After.
 */
export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(Math.max(0, r.limit - r.count)),
    "RateLimit-Reset": String(r.resetSeconds),
  };
  if (!r.allowed) headers["Retry-After"] = String(r.retryAfterSeconds);
  return headers;
}

/** One bucket per IP for new leads, shared by the quote form and `POST /api/v1/leads`. */
export const quoteRateKey = (ip: string) => `quote:${ip}`;
/** Public referral-code validation, per IP. */
export const codeValidationRateKey = (ip: string) => `code:${ip}`;
