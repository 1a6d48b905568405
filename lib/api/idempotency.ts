import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Keys are kept this long; after that the same key is a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/** A first request that has not finished after this long is taken to have died (crash, timeout). */
const STALE_IN_FLIGHT_MS = 5 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface StoredResponse {
  contentType: string | null;
  body: unknown;
}

/** A JSON value with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

export const requestHash = (method: string, path: string, body: unknown) =>
  createHash("sha256")
    .update(`${method}\n${path}\n${canonical(body)}`)
    .digest("hex");

export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  if (!KEY_PATTERN.test(header))
    throw new AppError("validation", "Idempotency-Key must be 1–255 visible ASCII characters", {
      errors: [{ path: "Idempotency-Key", message: "Invalid header" }],
    });
  return header;
}

export type Claim = { kind: "run" } | { kind: "replay"; response: Response };

/**
 * Claims `(scope, key)` for this request. The first caller inserts the row and runs; a later caller with the
 * same body gets the stored response; another body → 422; the first still running → 409.
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  scope: string,
  key: string,
  method: string,
  path: string,
  hash: string,
): Promise<Claim> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [mine] = await db
      .insert(idempotencyKeys)
      .values({ scope, key, method, path, requestHash: hash, expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS) })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (mine) return { kind: "run" };
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!row) continue; // deleted in between: try again
    const stale = row.responseStatus === null && Date.now() - row.createdAt.getTime() > STALE_IN_FLIGHT_MS;
    if (row.expiresAt.getTime() <= Date.now() || stale) {
      // Guarded like the check above, so a row a concurrent request just re-created survives.
      const dead = sql`(${idempotencyKeys.expiresAt} <= now() or (${idempotencyKeys.responseStatus} is null and ${idempotencyKeys.createdAt} < now() - make_interval(secs => ${STALE_IN_FLIGHT_MS / 1000})))`;
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), dead));
      continue;
    }
    if (row.requestHash !== hash || row.method !== method || row.path !== path)
      throw new AppError("idempotency_mismatch", "This Idempotency-Key was used with a different request");
    if (row.responseStatus === null)
      throw new AppError("conflict", "A request with this Idempotency-Key is still in progress; retry later");
    const stored = row.responseBody as StoredResponse | null;
    const headers = new Headers({ "idempotent-replayed": "true", "cache-control": "no-store" });
    if (stored?.contentType) headers.set("content-type", stored.contentType);
    const text =
      stored?.body === undefined || stored?.body === null
        ? null
        : typeof stored.body === "string" && !stored.contentType?.includes("json")
          ? stored.body
          : JSON.stringify(stored.body);
    return {
      kind: "replay",
      response: new Response(row.responseStatus === 204 ? null : text, { status: row.responseStatus, headers }),
    };
  }
  throw new AppError("conflict", "A request with this Idempotency-Key is still in progress; retry later");
}

/**
 * Stores the outcome for replays. Server errors are not stored (the key is released so the client may
 * retry); everything else (2xx and 4xx) is, as the first answer to that request.
 */
export async function completeIdempotencyKey(db: DbOrTx, scope: string, key: string, res: Response): Promise<Response> {
  if (res.status >= 500) {
    await releaseIdempotencyKey(db, scope, key);
    return res;
  }
  const contentType = res.headers.get("content-type");
  const text = await res.clone().text();
  let body: unknown = text === "" ? null : text;
  if (text && contentType?.includes("json")) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: res.status, responseBody: { contentType, body } satisfies StoredResponse })
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return res;
}

export async function releaseIdempotencyKey(db: DbOrTx, scope: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}
