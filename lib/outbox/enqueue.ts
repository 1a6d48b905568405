import type { DbOrTx } from "@/db";
import { outbox } from "@/db/schema";

/** Event types delivered to outbound webhook endpoints (issue 10). */
export const WEBHOOK_EVENT_TYPES = [
  "partner.created",
  "partner.status_changed",
  "referral.created",
  "referral.accepted",
  "referral.converted",
  "referral.rejected",
  "referral.expired",
  "reward.calculated",
  "reward.approved",
  "reward.paid",
  "reward.cancelled",
  "payout.paid",
  "payout.failed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Writes side effects to the outbox in the caller's transaction, so a change that rolls back sends nothing.
 * A job fans `webhook` rows out to the subscribed endpoints and delivers them.
 */
export async function enqueueWebhookEvents(
  db: DbOrTx,
  items: { type: WebhookEventType; data: Record<string, unknown> }[],
): Promise<void> {
  if (items.length === 0) return;
  const now = new Date();
  await db.insert(outbox).values(
    // availableAt from the same clock as the dispatcher's `now` (the column default has microseconds).
    items.map((i) => ({
      topic: "webhook",
      eventType: i.type,
      availableAt: now,
      payload: { type: i.type, timestamp: now.toISOString(), data: i.data },
    })),
  );
}

export const enqueueWebhookEvent = (db: DbOrTx, type: WebhookEventType, data: Record<string, unknown>) =>
  enqueueWebhookEvents(db, [{ type, data }]);

/** Messages for people (invitations, password resets): no mail server is assumed, the admin UI shows the link. */
export async function enqueueEmail(db: DbOrTx, kind: string, payload: Record<string, unknown>): Promise<void> {
  await db.insert(outbox).values({ topic: "email", eventType: kind, payload });
}
