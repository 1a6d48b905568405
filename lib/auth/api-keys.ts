import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reuse";
import { apiKeys, partners } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError, invalidState, notFound } from "@/lib/errors";
import { partnerAccountClosed } from "./users";

/** `rp_<12 hex prefix>_<32 random bytes, base64url>`, SHA-256 stored (docs/api.md#credentials-and-roles). */
const KEY_PATTERN = /^rp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** last_used_at is written at most this often per key, so a busy integration costs no extra write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The public view of a key: never its hash. */
export const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  partnerId: apiKeys.partnerId,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};
export type ApiKeyView = { [K in keyof typeof apiKeyColumns]: (typeof apiKeys.$inferSelect)[K] };

export interface CreateApiKeyInput {
  name: string;
  role: "ADMIN" | "PARTNER";
  partnerId?: string | null;
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(
  db: DbOrTx,
  input: CreateApiKeyInput,
  actor: Actor,
): Promise<ApiKeyView & { key: string }> {
  const partnerId = input.partnerId ?? null;
  if (input.role === "PARTNER" && !partnerId)
    throw new AppError("validation", "A partner key needs a partner", {
      errors: [{ path: "partnerId", message: "Required for role PARTNER" }],
    });
  if (input.role === "ADMIN" && partnerId)
    throw new AppError("validation", "An admin key has no partner", {
      errors: [{ path: "partnerId", message: "Only allowed for role PARTNER" }],
    });
  if (partnerId) {
    const [p] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId));
    if (!p)
      throw new AppError("validation", "Unknown partner", {
        errors: [{ path: "partnerId", message: "No partner with this id" }],
      });
  }
  const prefix = randomBytes(6).toString("hex");
  const key = `rp_${prefix}_${randomBytes(32).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        name: input.name,
        prefix,
        secretHash: sha256(key),
        role: input.role,
        partnerId,
        createdBy: actor.type === "USER" ? actor.id : null,
      })
      .returning(apiKeyColumns);
    await recordEvent(tx, actor, {
      entityType: "api_key",
      entityId: row.id,
      action: "api_key.created",
      data: { name: row.name, role: row.role, partnerId, prefix },
    });
    return { ...row, key };
  });
}

export async function listApiKeys(
  db: DbOrTx,
  opts: { limit: number; offset: number },
): Promise<{ rows: ApiKeyView[]; total: number }> {
  const rows = await db
    .select(apiKeyColumns)
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(opts.limit)
    .offset(opts.offset);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(apiKeys);
  return { rows, total: Number(total) };
}

/** Revokes a key; revoking twice is refused (409), an unknown id is 404. */
export async function revokeApiKey(db: DbOrTx, id: string, actor: Actor): Promise<ApiKeyView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning(apiKeyColumns);
    if (!row) {
      const [existing] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id));
      if (!existing) throw notFound("API key");
      throw invalidState("API key", "REVOKED", "revoke");
    }
    await recordEvent(tx, actor, {
      entityType: "api_key",
      entityId: row.id,
      action: "api_key.revoked",
      data: { name: row.name, prefix: row.prefix },
    });
    return row;
  });
}

export type VerifiedApiKey = { id: string; name: string; role: "ADMIN" | "PARTNER"; partnerId: string | null };

/**
 * The live key a presented secret belongs to, or null. Found by prefix, compared by SHA-256 in constant time.
 * A key of a TERMINATED partner is refused (the partner's status comes in the same query).
 */
/** The key by its prefix (unique index) with its partner's status: one round trip, built once. */
const keyByPrefix = reusable("api_key_by_prefix", (db) =>
  db
    .select({ key: apiKeys, partnerStatus: partners.status })
    .from(apiKeys)
    .leftJoin(partners, eq(partners.id, apiKeys.partnerId))
    .where(eq(apiKeys.prefix, sql.placeholder("prefix")))
    .limit(1),
);

export async function verifyApiKey(db: DbOrTx, presented: string): Promise<VerifiedApiKey | null> {
  const m = KEY_PATTERN.exec(presented.trim());
  if (!m) return null;
  const [found] = await keyByPrefix(db, { prefix: m[1] });
  const row = found?.key;
  if (!row || row.revokedAt || partnerAccountClosed(found.partnerStatus)) return null;
  const a = Buffer.from(row.secretHash, "hex");
  const b = Buffer.from(sha256(presented.trim()), "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  }
  return { id: row.id, name: row.name, role: row.role, partnerId: row.partnerId };
}

export const looksLikeApiKey = (s: string) => s.startsWith("rp_");
