import type { DbOrTx } from "@/db";
import { jsonParam, param, reusable } from "@/db/reuse";
import { outbox } from "@/db/schema";

/** Event types delivered to outbound webhook endpoints (docs/api.md#webhooks). */
export const WEBHOOK_EVENT_TYPES = [
  "partner.created",
  "partner.status_changed",
  "partner.tier_changed",
  "partner.license_expiring",
  "referral.created",
  "referral.accepted",
  "referral.converted",
  "referral.rejected",
  "referral.expired",
  "referral.flagged",
  "reward.calculated",
  "reward.approved",
  "reward.paid",
  "reward.cancelled",
  "payout.paid",
  "payout.failed",
  "review.decided",
  "reward.clawed_back",
  "policy.issued",
  "policy.cancelled",
  "policy.renewed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Webhook events people are told about too (e-mail and the in-app inbox): each gets a `notify` row
 * beside its `webhook` row, in the same INSERT. A manual CLAWBACK reward is told as a claw-back, a plan
 * bonus (a BONUS reward from the bonus job) as a bonus earned, and a move up a tier as a tier reached.
 */
function notifyKind(type: WebhookEventType, data: Record<string, unknown>): string | null {
  switch (type) {
    case "referral.created":
    case "referral.converted":
    case "reward.approved":
    case "reward.cancelled":
    case "payout.paid":
    case "payout.failed":
    case "reward.clawed_back":
      return type;
    case "reward.calculated":
      return data.type === "CLAWBACK"
        ? "reward.clawed_back"
        : data.type === "BONUS" && data.bonus
          ? "reward.bonus_earned"
          : null;
    case "partner.tier_changed":
      return data.direction === "UP" ? "partner.tier_reached" : null;
    default:
      return null;
  }
}

/**
 * Writes side effects to the outbox in the caller's transaction, so a change that rolls back sends nothing.
 * A job fans `webhook` rows out to the subscribed endpoints and delivers them; another turns `notify`
 * rows into e-mails and inbox entries (lib/mail/compose.ts).
 */
/** The insert of 1 or 2 webhook rows (what a referral's creation writes), built once per row count. */
const insertWebhooks = [1, 2].map((n) =>
  reusable(`outbox_webhooks_insert_${n}`, (db) =>
    db.insert(outbox).values(
      Array.from({ length: n }, (_, i) => ({
        topic: "webhook",
        eventType: param(`eventType${i}`),
        availableAt: param("availableAt"),
        payload: param(`payload${i}`),
      })),
    ),
  ),
);

export async function enqueueWebhookEvents(
  db: DbOrTx,
  items: { type: WebhookEventType; data: Record<string, unknown> }[],
): Promise<void> {
  if (items.length === 0) return;
  const now = new Date();
  // The prepared statements write webhook rows only; events people are told about take the general INSERT.
  const prepared = items.some((i) => notifyKind(i.type, i.data)) ? undefined : insertWebhooks[items.length - 1];
  if (prepared) {
    const values: Record<string, unknown> = { availableAt: now.toISOString() };
    items.forEach((item, i) => {
      values[`eventType${i}`] = item.type;
      values[`payload${i}`] = jsonParam({ type: item.type, timestamp: now.toISOString(), data: item.data });
    });
    await prepared(db, values);
    return;
  }
  await db.insert(outbox).values(
    // availableAt from the same clock as the dispatcher's `now` (the column default has microseconds).
    items.flatMap((i) => {
      const payload = { type: i.type, timestamp: now.toISOString(), data: i.data };
      const notify = notifyKind(i.type, i.data);
      return [
        { topic: "webhook", eventType: i.type, availableAt: now, payload },
        ...(notify ? [{ topic: "notify", eventType: notify, availableAt: now, payload }] : []),
      ];
    }),
  );
}

/** Events only people are told about (no webhook): partner applications and their decisions. */
export type NotifyKind = "application.received" | "application.approved" | "application.rejected";

export async function enqueueNotification(db: DbOrTx, kind: NotifyKind, data: Record<string, unknown>): Promise<void> {
  const now = new Date();
  await db
    .insert(outbox)
    .values({ topic: "notify", eventType: kind, availableAt: now, payload: { type: kind, timestamp: now, data } });
}

export const enqueueWebhookEvent = (db: DbOrTx, type: WebhookEventType, data: Record<string, unknown>) =>
  enqueueWebhookEvents(db, [{ type, data }]);

/** Sign-in links (invitations, password resets) to one address; composed and sent like every other mail. */
export async function enqueueEmail(db: DbOrTx, kind: string, payload: Record<string, unknown>): Promise<void> {
  await db.insert(outbox).values({ topic: "email", eventType: kind, payload, availableAt: new Date() });
}
