import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { payoutItems, payouts, rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { conflict, invalidState, isUniqueViolation } from "@/lib/errors";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { payRewardsOfPayout, payoutPayload, type Payout } from "@/lib/payouts/pay";
import { heldError, isHeld, isReviewHeld, lockReward, moveReward, reviewHeldError, type Reward } from "./core";
import type { ProcessPaymentInput } from "./schemas";

const txnUsed = () => conflict("This transaction id was already used for another payment");

/**
 * Process-payment: one reward paid at once through a one-reward payout (PAID). An APPROVED
 * reward is paid; a CALCULATED one past its hold is approved and paid in one step (both recorded).
 * The same transaction id replays the result; one used for anything else is a conflict. The reward's
 * row lock serialises concurrent payments, so exactly one succeeds.
 */
export async function processPayment(
  db: DbOrTx,
  rewardId: string,
  input: ProcessPaymentInput,
  actor: Actor,
  clock?: Clock,
): Promise<{ reward: Reward; payout: Payout; replayed: boolean }> {
  const now = nowOf(clock);
  try {
    return await db.transaction(async (tx) => {
      let reward = await lockReward(tx, rewardId);
      const [used] = await tx
        .select()
        .from(payouts)
        .where(and(eq(payouts.paymentMethod, input.paymentMethod), eq(payouts.transactionId, input.transactionId)));
      if (used) {
        const [item] = await tx
          .select()
          .from(payoutItems)
          .where(and(eq(payoutItems.payoutId, used.id), eq(payoutItems.rewardId, reward.id)));
        if (item && used.status === "PAID" && reward.status === "PAID") return { reward, payout: used, replayed: true };
        throw txnUsed();
      }
      // Held for a fraud review (even once approved, after an escalation): no payout until a decision.
      if (isReviewHeld(reward) && reward.status !== "PAID") throw reviewHeldError(reward);
      if (reward.status === "CALCULATED") {
        if (isHeld(reward, now)) throw heldError(reward);
        reward = await moveReward(tx, reward, "APPROVED", actor, now, {
          patch: { approvedBy: actor.id ?? actor.label ?? actor.type },
          data: { via: "process-payment" },
        });
      }
      if (reward.status !== "APPROVED") throw invalidState("Reward", reward.status, "pay");
      if (reward.payoutId)
        throw invalidState("Reward", "APPROVED in a pending payout", "pay on its own; mark the payout paid instead");
      if ((reward.amountCents ?? 0) < 0)
        throw invalidState("Reward", "a clawback", "pay; clawbacks are netted in payout batches");
      const [payout] = await tx
        .insert(payouts)
        .values({
          partnerId: reward.partnerId,
          amountCents: reward.amountCents ?? 0,
          currency: reward.currency,
          status: "PAID",
          paymentMethod: input.paymentMethod,
          transactionId: input.transactionId,
          rewardCount: 1,
          createdBy: actor.id ?? actor.label ?? actor.type,
          createdAt: now,
          updatedAt: now,
          paidAt: now,
        })
        .returning();
      await tx
        .insert(payoutItems)
        .values({ payoutId: payout.id, rewardId: reward.id, amountCents: payout.amountCents });
      await tx.update(rewards).set({ payoutId: payout.id }).where(eq(rewards.id, reward.id));
      const [paid] = await payRewardsOfPayout(tx, payout, actor, now);
      await recordEvent(tx, actor, {
        entityType: "payout",
        entityId: payout.id,
        action: "payout.paid",
        toStatus: "PAID",
        data: { rewardIds: [reward.id], amountCents: payout.amountCents },
        at: now,
      });
      await enqueueWebhookEvent(tx, "payout.paid", payoutPayload(payout));
      return { reward: paid, payout, replayed: false };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw txnUsed();
    throw e;
  }
}
