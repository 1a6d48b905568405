import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { payouts, referrals, rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvents, type EventInput } from "@/lib/audit/events";
import { enqueueWebhookEvents } from "@/lib/outbox/enqueue";
import { rewardPayload, type Reward } from "@/lib/rewards/core";

export type Payout = typeof payouts.$inferSelect;

export const payoutPayload = (p: Payout): Record<string, unknown> => ({
  id: p.id,
  partnerId: p.partnerId,
  amountCents: p.amountCents,
  currency: p.currency,
  status: p.status,
  paymentMethod: p.paymentMethod,
  transactionId: p.transactionId,
  rewardCount: p.rewardCount,
  batchId: p.batchId,
  createdAt: p.createdAt,
  paidAt: p.paidAt,
});

async function chunked<T>(items: T[], fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += 1000) await fn(items.slice(i, i + 1000));
}

/**
 * The rewards of a payout (APPROVED, payout_id set) → PAID with the payment reference, and their
 * CONVERTED referrals → PAID, set-based, with one event per row and the reward.paid webhooks.
 */
export async function payRewardsOfPayout(tx: DbOrTx, payout: Payout, actor: Actor, now: Date): Promise<Reward[]> {
  const paid = await tx
    .update(rewards)
    .set({
      status: "PAID",
      paidAt: now,
      paymentMethod: payout.paymentMethod,
      transactionId: payout.transactionId,
      updatedAt: now,
    })
    .where(and(eq(rewards.payoutId, payout.id), eq(rewards.status, "APPROVED")))
    .returning();
  const referralIds = paid.filter((r) => r.type === "CONVERSION" && r.referralId).map((r) => r.referralId!);
  const paidReferrals = referralIds.length
    ? await tx
        .update(referrals)
        .set({ status: "PAID", paidAt: now, updatedAt: now })
        .where(and(inArray(referrals.id, referralIds), eq(referrals.status, "CONVERTED")))
        .returning({ id: referrals.id })
    : [];
  const evts: EventInput[] = [
    ...paid.map((r) => ({
      entityType: "reward" as const,
      entityId: r.id,
      action: "reward.paid",
      fromStatus: "APPROVED",
      toStatus: "PAID",
      data: { payoutId: payout.id },
      at: now,
    })),
    ...paidReferrals.map((r) => ({
      entityType: "referral" as const,
      entityId: r.id,
      action: "referral.paid",
      fromStatus: "CONVERTED",
      toStatus: "PAID",
      data: { payoutId: payout.id },
      at: now,
    })),
  ];
  await chunked(evts, (c) => recordEvents(tx, actor, c));
  await chunked(paid, (c) =>
    enqueueWebhookEvents(
      tx,
      c.map((r) => ({ type: "reward.paid" as const, data: rewardPayload(r) })),
    ),
  );
  return paid;
}
