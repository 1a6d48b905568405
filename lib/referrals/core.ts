import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { referrals } from "@/db/schema";
import type { ReferralStatus } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { invalidState, notFound } from "@/lib/errors";
import { enqueueWebhookEvent, type WebhookEventType } from "@/lib/outbox/enqueue";
import { isUuid } from "@/lib/validation";
import { REFERRAL_TRANSITIONS, canMove } from "./transitions";

export type Referral = typeof referrals.$inferSelect;

export const REFERRAL_WEBHOOK: Partial<Record<ReferralStatus, WebhookEventType>> = {
  PENDING: "referral.created",
  ACCEPTED: "referral.accepted",
  REJECTED: "referral.rejected",
  EXPIRED: "referral.expired",
  CONVERTED: "referral.converted",
};

export async function lockReferral(tx: DbOrTx, id: string): Promise<Referral> {
  if (!isUuid(id)) throw notFound("Referral");
  const [r] = await tx.select().from(referrals).where(eq(referrals.id, id)).for("update");
  if (!r) throw notFound("Referral");
  return r;
}

const STAMP: Partial<Record<ReferralStatus, keyof Referral>> = {
  ACCEPTED: "acceptedAt",
  REJECTED: "rejectedAt",
  CONVERTED: "convertedAt",
  PAID: "paidAt",
  EXPIRED: "expiredAt",
};

/**
 * Moves a (locked) referral to `to` with one guarded UPDATE; refuses moves the lifecycle forbids with
 * invalid_state naming the current status. Writes the event and the webhook in the caller's transaction.
 */
export async function moveReferral(
  tx: DbOrTx,
  current: Referral,
  to: ReferralStatus,
  actor: Actor,
  now: Date,
  opts: { patch?: Partial<typeof referrals.$inferInsert>; data?: Record<string, unknown>; action?: string } = {},
): Promise<Referral> {
  if (!canMove(REFERRAL_TRANSITIONS, current.status, to))
    throw invalidState("Referral", current.status, `move to ${to}`);
  const stamp = STAMP[to];
  const [updated] = await tx
    .update(referrals)
    .set({ ...opts.patch, status: to, updatedAt: now, ...(stamp ? { [stamp]: now } : {}) })
    .where(and(eq(referrals.id, current.id), eq(referrals.status, current.status)))
    .returning();
  if (!updated) throw invalidState("Referral", current.status, `move to ${to}`);
  await recordEvent(tx, actor, {
    entityType: "referral",
    entityId: current.id,
    action: opts.action ?? `referral.${to.toLowerCase()}`,
    fromStatus: current.status,
    toStatus: to,
    data: {
      ...(updated.rejectionReason && to === "REJECTED" ? { reason: updated.rejectionReason } : {}),
      ...opts.data,
    },
    at: now,
  });
  const hook = REFERRAL_WEBHOOK[to];
  if (hook && to !== "PENDING") await enqueueWebhookEvent(tx, hook, referralPayload(updated));
  return updated;
}

export const referralPayload = (r: Referral): Record<string, unknown> => ({
  id: r.id,
  partnerId: r.partnerId,
  referralCode: r.referralCode,
  leadId: r.leadId,
  source: r.source,
  status: r.status,
  rejectionReason: r.rejectionReason,
  conversionValueCents: r.conversionValueCents,
  currency: r.currency,
  subId: r.subId,
  expiresAt: r.expiresAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
