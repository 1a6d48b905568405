import "server-only";
import { and, asc, eq, inArray, isNotNull, lt, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { outbox, webhookAttempts, webhookDeliveries } from "@/db/schema";

/** Finished deliveries, their attempt logs and the processed events behind them are kept this long. */
export const WEBHOOK_RETENTION_DAYS = 30;
/** Rows one batch deletes at most (per table), so the purge never holds its locks for long. */
export const WEBHOOK_PURGE_BATCH = 5_000;
/**
 * Batches per table in one run: bounds a run (100,000 rows an hour) while still keeping up with
 * programs that send far more than one batch a day.
 */
export const WEBHOOK_PURGE_MAX_BATCHES = 20;

/** The states a delivery never leaves; `PENDING` (due, leased or waiting for a retry) is never purged. */
const FINISHED = ["SUCCEEDED", "FAILED", "ABANDONED"] as const;

export interface WebhookPurgeResult {
  webhookDeliveries: number;
  webhookAttempts: number;
  webhookEvents: number;
}

export interface WebhookPurgeOptions {
  batch?: number;
  maxBatches?: number;
}

/**
 * Deletes webhook traffic older than the retention period, children first: finished deliveries
 * created before the cutoff (a delivery finishes within 24 hours of its creation) with their
 * attempts, then processed `webhook` outbox events processed before the cutoff that no remaining
 * delivery references (a recent replay keeps its event). Unprocessed events are never touched.
 * Each batch is its own short statement or transaction; rows locked by a concurrent writer (a
 * replay holds its original delivery) are skipped and left for the next run.
 */
export async function purgeWebhookTraffic(
  db: Db,
  now: Date,
  opts: WebhookPurgeOptions = {},
): Promise<WebhookPurgeResult> {
  const cutoff = new Date(now.getTime() - WEBHOOK_RETENTION_DAYS * 86_400_000);
  const batch = opts.batch ?? WEBHOOK_PURGE_BATCH;
  const maxBatches = opts.maxBatches ?? WEBHOOK_PURGE_MAX_BATCHES;
  const result: WebhookPurgeResult = { webhookDeliveries: 0, webhookAttempts: 0, webhookEvents: 0 };

  for (let i = 0; i < maxBatches; i++) {
    const r = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(inArray(webhookDeliveries.status, [...FINISHED]), lt(webhookDeliveries.createdAt, cutoff)))
        .orderBy(asc(webhookDeliveries.createdAt))
        .limit(batch)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return { deliveries: 0, attempts: 0 };
      const ids = rows.map((d) => d.id);
      const attempts = await tx
        .delete(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, ids))
        .returning({ id: webhookAttempts.id });
      const deliveries = await tx
        .delete(webhookDeliveries)
        .where(inArray(webhookDeliveries.id, ids))
        .returning({ id: webhookDeliveries.id });
      return { deliveries: deliveries.length, attempts: attempts.length };
    });
    result.webhookDeliveries += r.deliveries;
    result.webhookAttempts += r.attempts;
    if (r.deliveries < batch) break;
  }

  for (let i = 0; i < maxBatches; i++) {
    const referenced = db
      .select({ one: sql`1` })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.outboxId, outbox.id));
    const expired = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.topic, "webhook"),
          isNotNull(outbox.processedAt),
          lt(outbox.processedAt, cutoff),
          notExists(referenced),
        ),
      )
      .orderBy(asc(outbox.processedAt))
      .limit(batch)
      .for("update", { skipLocked: true });
    const deleted = await db.delete(outbox).where(inArray(outbox.id, expired)).returning({ id: outbox.id });
    result.webhookEvents += deleted.length;
    if (deleted.length < batch) break;
  }
  return result;
}
