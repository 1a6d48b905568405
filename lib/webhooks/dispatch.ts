import "server-only";
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { outbox, webhookDeliveries, webhookEndpoints } from "@/db/schema";

export interface DispatchResult {
  events: number;
  deliveries: number;
}

/**
 * Fans pending `webhook` outbox rows out into one delivery per subscribed, enabled endpoint.
 * Each batch is claimed with FOR UPDATE SKIP LOCKED and marked processed in the same transaction,
 * so concurrent workers (or app instances) never dispatch one event twice.
 */
export async function dispatchOutbox(db: Db, opts: { now?: Date; batch?: number } = {}): Promise<DispatchResult> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? 200;
  const total: DispatchResult = { events: 0, deliveries: 0 };
  for (;;) {
    const r = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: outbox.id, eventType: outbox.eventType, eventId: outbox.eventId, payload: outbox.payload })
        .from(outbox)
        .where(and(eq(outbox.topic, "webhook"), isNull(outbox.processedAt), lte(outbox.availableAt, now)))
        .orderBy(asc(outbox.id))
        .limit(batch)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return { events: 0, deliveries: 0 };
      const endpoints = await tx
        .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.enabled, true));
      const values = rows.flatMap((row) =>
        endpoints
          .filter((e) => e.events.length === 0 || e.events.includes(row.eventType))
          .map((e) => ({
            endpointId: e.id,
            outboxId: row.id,
            eventType: row.eventType,
            messageId: row.eventId,
            payload: row.payload,
            nextAttemptAt: now,
          })),
      );
      if (values.length) await tx.insert(webhookDeliveries).values(values);
      await tx
        .update(outbox)
        .set({ processedAt: now })
        .where(
          inArray(
            outbox.id,
            rows.map((r) => r.id),
          ),
        );
      return { events: rows.length, deliveries: values.length };
    });
    total.events += r.events;
    total.deliveries += r.deliveries;
    if (r.events < batch) return total;
  }
}
