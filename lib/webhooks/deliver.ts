import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { claimDue } from "@/lib/outbox/lease";
import { sendWebhook, type SendResult } from "./send";

/** Waits before retry n (1-based); the last one repeats until the 24-hour window closes. */
export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 900_000, 3_600_000, 21_600_000];
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** A claimed delivery is invisible to other workers for this long (longer than the 10 s timeout). */
const LEASE_MS = 60_000;

type Delivery = typeof webhookDeliveries.$inferSelect;
export type DeliveryOutcome = "succeeded" | "gone" | "retrying" | "abandoned" | "skipped";
export type DeliverResult = Record<DeliveryOutcome, number> & { attempted: number };

/** Claims due PENDING deliveries (`claimDue`): a delivery is attempted by one worker at a time. */
export const claimDueDeliveries = (db: Db, now: Date, limit: number): Promise<Delivery[]> =>
  claimDue(db, webhookDeliveries, now, limit, LEASE_MS);

/** Decides what a failed attempt leads to: the next try, or giving up once past 24 hours. */
export function nextAttemptAfterFailure(d: Pick<Delivery, "createdAt">, attemptsSoFar: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[Math.min(attemptsSoFar - 1, RETRY_DELAYS_MS.length - 1)];
  const next = new Date(now.getTime() + delay);
  return next.getTime() - d.createdAt.getTime() > GIVE_UP_AFTER_MS ? null : next;
}

/**
 * Records an attempt and moves the delivery on, guarded by the attempt count seen at claim time
 * (a worker whose lease ran out cannot overwrite a later worker's result).
 */
async function recordAttempt(db: Db, d: Delivery, r: SendResult, now: Date): Promise<DeliveryOutcome> {
  const attempts = d.attempts + 1;
  const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
  const gone = r.statusCode === 410;
  const next = ok || gone ? null : nextAttemptAfterFailure(d, attempts, now);
  const outcome: DeliveryOutcome = ok ? "succeeded" : gone ? "gone" : next ? "retrying" : "abandoned";
  const lastError = ok ? null : (r.error ?? `HTTP ${r.statusCode}`);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({
        attempts,
        status: ok ? "SUCCEEDED" : gone ? "FAILED" : next ? "PENDING" : "ABANDONED",
        nextAttemptAt: next ?? now,
        lastStatusCode: r.statusCode,
        lastError,
        ...(ok ? { deliveredAt: now } : {}),
      })
      .where(
        and(
          eq(webhookDeliveries.id, d.id),
          eq(webhookDeliveries.status, "PENDING"),
          eq(webhookDeliveries.attempts, d.attempts),
        ),
      )
      .returning({ id: webhookDeliveries.id });
    if (!updated) return;
    await tx.insert(webhookAttempts).values({
      deliveryId: d.id,
      attemptedAt: now,
      statusCode: r.statusCode,
      durationMs: r.durationMs,
      error: r.error,
      responseSnippet: r.responseSnippet,
    });
    if (gone)
      await tx
        .update(webhookEndpoints)
        .set({ enabled: false, disabledReason: "The endpoint answered 410 Gone" })
        .where(eq(webhookEndpoints.id, d.endpointId));
  });
  return outcome;
}

/** Claims and attempts due deliveries (a few in parallel); `now` drives the schedule so tests can move time. */
export async function deliverDue(
  db: Db,
  opts: { now?: Date; limit?: number; parallel?: number } = {},
): Promise<DeliverResult> {
  const now = opts.now ?? new Date();
  const result: DeliverResult = { attempted: 0, succeeded: 0, gone: 0, retrying: 0, abandoned: 0, skipped: 0 };
  const claimed = await claimDueDeliveries(db, now, opts.limit ?? 50);
  if (claimed.length === 0) return result;
  const ids = [...new Set(claimed.map((d) => d.endpointId))];
  const endpoints = new Map(
    (await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, ids))).map((e) => [e.id, e]),
  );
  const queue = [...claimed];
  const worker = async () => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      const endpoint = endpoints.get(d.endpointId);
      if (!endpoint?.enabled) {
        await db
          .update(webhookDeliveries)
          .set({ status: "FAILED", lastError: "The endpoint is disabled" })
          .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, "PENDING")));
        result.skipped++;
        continue;
      }
      const sent = await sendWebhook({
        url: endpoint.url,
        secret: endpoint.secret,
        messageId: d.messageId,
        body: JSON.stringify(d.payload),
      });
      result.attempted++;
      const outcome = await recordAttempt(db, d, sent, now);
      if (outcome === "gone") endpoint.enabled = false;
      result[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.parallel ?? 4, claimed.length) }, worker));
  return result;
}
