import "server-only";
import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError, notFound } from "@/lib/errors";
import { parseList, type ListResult, type RawListInput } from "@/lib/query/list";
import { assertId, listDeliveriesSchema } from "./schemas";

export type DeliveryRow = typeof webhookDeliveries.$inferSelect & { endpointUrl: string };
export type AttemptRow = typeof webhookAttempts.$inferSelect;

const withUrl = { delivery: webhookDeliveries, endpointUrl: webhookEndpoints.url };

/** Deliveries, newest first, filtered by endpoint, status (comma-separated) and event type. */
export async function listDeliveries(db: DbOrTx, input: unknown): Promise<ListResult<DeliveryRow>> {
  const q = parseList(listDeliveriesSchema, input as RawListInput);
  const where: SQL[] = [];
  if (q.endpointId) where.push(eq(webhookDeliveries.endpointId, q.endpointId));
  if (q.status?.length) where.push(inArray(webhookDeliveries.status, q.status));
  if (q.eventType) where.push(eq(webhookDeliveries.eventType, q.eventType));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(withUrl)
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(cond)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(webhookDeliveries).where(cond),
  ]);
  return {
    data: rows.map((r) => ({ ...r.delivery, endpointUrl: r.endpointUrl })),
    pagination: { page: q.page, pageSize: q.pageSize, total, nextCursor: null },
  };
}

/** One delivery with every attempt, oldest first. */
export async function getDelivery(db: DbOrTx, id: string): Promise<DeliveryRow & { attemptLog: AttemptRow[] }> {
  assertId(id, "Webhook delivery");
  const [row] = await db
    .select(withUrl)
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, id));
  if (!row) throw notFound("Webhook delivery");
  const attemptLog = await db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, id))
    .orderBy(webhookAttempts.attemptedAt);
  return { ...row.delivery, endpointUrl: row.endpointUrl, attemptLog };
}

/**
 * Replays a delivery: a new PENDING delivery of the same message (same `webhook-id`, so receivers
 * that deduplicate see a repeat) due at once. The original keeps its history.
 */
export async function replayDelivery(
  db: Db,
  id: string,
  actor: Actor,
  now: Date = new Date(),
): Promise<typeof webhookDeliveries.$inferSelect> {
  assertId(id, "Webhook delivery");
  return db.transaction(async (tx) => {
    // Held until the copy is committed: the purge skips a locked delivery, so the outbox event the
    // copy references cannot be purged in between (a purged original is simply not found).
    const [row] = await tx
      .select(withUrl)
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, id))
      .for("share", { of: webhookDeliveries });
    if (!row) throw notFound("Webhook delivery");
    const [endpoint] = await tx
      .select({ enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, row.delivery.endpointId));
    if (!endpoint.enabled)
      throw new AppError("invalid_state", "The endpoint is disabled; enable it before replaying", {
        extra: { currentStatus: "DISABLED" },
      });
    const d = row.delivery;
    const [copy] = await tx
      .insert(webhookDeliveries)
      .values({
        endpointId: d.endpointId,
        outboxId: d.outboxId,
        eventType: d.eventType,
        messageId: d.messageId,
        payload: d.payload,
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning();
    await recordEvent(tx, actor, {
      entityType: "webhook_endpoint",
      entityId: d.endpointId,
      action: "webhook_delivery.replayed",
      data: { deliveryId: d.id, replayId: copy.id, messageId: d.messageId, eventType: d.eventType },
    });
    return copy;
  });
}
