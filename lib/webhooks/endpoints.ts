import "server-only";
import { randomBytes } from "node:crypto";
import { desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { notFound } from "@/lib/errors";
import { assertId, createEndpointSchema, parseInput, updateEndpointSchema } from "./schemas";
import { assertPublicUrl } from "./ssrf";

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
/** An endpoint as listed: the signing secret is shown once, at creation, and never again. */
export type PublicEndpoint = Omit<WebhookEndpoint, "secret">;

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

export function publicEndpoint(e: WebhookEndpoint): PublicEndpoint {
  const { secret: _secret, ...rest } = e;
  return rest;
}

/** Registers an endpoint; returns it with its secret (the only time the secret leaves the server). */
export async function createEndpoint(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<PublicEndpoint & { secret: string }> {
  const parsed = parseInput(createEndpointSchema, input, "Invalid webhook endpoint");
  const url = await assertPublicUrl(parsed.url);
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        url: url.toString(),
        description: parsed.description ?? null,
        events: [...new Set(parsed.events ?? [])],
        secret,
      })
      .returning();
    await recordEvent(tx, actor, {
      entityType: "webhook_endpoint",
      entityId: row.id,
      action: "webhook_endpoint.created",
      after: publicEndpoint(row),
    });
    return { ...publicEndpoint(row), secret };
  });
}

export async function listEndpoints(db: DbOrTx): Promise<PublicEndpoint[]> {
  const rows = await db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(publicEndpoint);
}

export async function getEndpoint(db: DbOrTx, id: string): Promise<PublicEndpoint> {
  assertId(id, "Webhook endpoint");
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!row) throw notFound("Webhook endpoint");
  return publicEndpoint(row);
}

/** Changes subscriptions or description, or re-enables an endpoint that answered 410. */
export async function updateEndpoint(db: Db, id: string, input: unknown, actor: Actor): Promise<PublicEndpoint> {
  assertId(id, "Webhook endpoint");
  const parsed = parseInput(updateEndpointSchema, input, "Invalid webhook endpoint change");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
    if (!before) throw notFound("Webhook endpoint");
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(parsed.description !== undefined ? { description: parsed.description } : {}),
        ...(parsed.events ? { events: [...new Set(parsed.events)] } : {}),
        ...(parsed.enabled !== undefined
          ? { enabled: parsed.enabled, disabledReason: parsed.enabled ? null : "Disabled by an admin" }
          : {}),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await recordEvent(tx, actor, {
      entityType: "webhook_endpoint",
      entityId: id,
      action: "webhook_endpoint.updated",
      before: publicEndpoint(before),
      after: publicEndpoint(row),
    });
    return publicEndpoint(row);
  });
}

/** Deletes an endpoint with its delivery log (deliveries reference it); the audit event keeps the record. */
export async function deleteEndpoint(db: Db, id: string, actor: Actor): Promise<void> {
  assertId(id, "Webhook endpoint");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
    if (!before) throw notFound("Webhook endpoint");
    const deliveryIds = tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, id));
    await tx.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveryIds));
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordEvent(tx, actor, {
      entityType: "webhook_endpoint",
      entityId: id,
      action: "webhook_endpoint.deleted",
      before: publicEndpoint(before),
    });
  });
}
