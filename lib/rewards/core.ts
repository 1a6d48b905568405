import { and, eq, gt, isNull, lte, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rewards } from "@/db/schema";
import type { RewardStatus } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError, invalidState, notFound } from "@/lib/errors";
import { enqueueWebhookEvent, type WebhookEventType } from "@/lib/outbox/enqueue";
import { REWARD_TRANSITIONS, canMove } from "@/lib/referrals/transitions";
import { isUuid } from "@/lib/validation";

export type Reward = typeof rewards.$inferSelect;

/**
 * The hold: a reward is held while its `holdUntil` is still ahead, or while it is held for a fraud review
 * (`reviewHold`), and due (approvable without an override) otherwise. `isHeld` for a row; `heldSql` and
 * `dueSql` are the same rule as conditions on `rewards`. An override lifts only the time hold: a review
 * hold is lifted by a review decision alone (`isReviewHeld` / `reviewFreeSql`), so it also keeps an
 * approved reward out of payouts.
 */
export const isReviewHeld = (r: { reviewHold: boolean }): boolean => r.reviewHold;
export const isHeld = (r: { holdUntil: Date | null; reviewHold: boolean }, now: Date): boolean =>
  r.reviewHold || (r.holdUntil !== null && r.holdUntil > now);
export const reviewFreeSql = (): SQL => eq(rewards.reviewHold, false);
export const heldSql = (now: Date): SQL => or(eq(rewards.reviewHold, true), gt(rewards.holdUntil, now)) as SQL;
export const dueSql = (now: Date): SQL =>
  and(reviewFreeSql(), or(isNull(rewards.holdUntil), lte(rewards.holdUntil, now))) as SQL;

export const REWARD_WEBHOOK: Partial<Record<RewardStatus, WebhookEventType>> = {
  CALCULATED: "reward.calculated",
  APPROVED: "reward.approved",
  PAID: "reward.paid",
  CANCELLED: "reward.cancelled",
};

export const rewardPayload = (r: Reward): Record<string, unknown> => ({
  id: r.id,
  partnerId: r.partnerId,
  referralId: r.referralId,
  type: r.type,
  amountCents: r.amountCents,
  currency: r.currency,
  rateBps: r.rateBps,
  baseCents: r.baseCents,
  status: r.status,
  holdUntil: r.holdUntil,
  payoutId: r.payoutId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export async function lockReward(tx: DbOrTx, id: string): Promise<Reward> {
  if (!isUuid(id)) throw notFound("Reward");
  const [r] = await tx.select().from(rewards).where(eq(rewards.id, id)).for("update");
  if (!r) throw notFound("Reward");
  return r;
}

const STAMP: Partial<Record<RewardStatus, keyof Reward>> = {
  CALCULATED: "calculatedAt",
  APPROVED: "approvedAt",
  PAID: "paidAt",
  CANCELLED: "cancelledAt",
};

/** One guarded UPDATE of a locked reward, its event and webhook; forbidden moves → invalid_state. */
export async function moveReward(
  tx: DbOrTx,
  current: Reward,
  to: RewardStatus,
  actor: Actor,
  now: Date,
  opts: { patch?: Partial<typeof rewards.$inferInsert>; data?: Record<string, unknown> } = {},
): Promise<Reward> {
  if (!canMove(REWARD_TRANSITIONS, current.status, to)) throw invalidState("Reward", current.status, `move to ${to}`);
  const stamp = STAMP[to];
  const [updated] = await tx
    .update(rewards)
    .set({ ...opts.patch, status: to, updatedAt: now, ...(stamp ? { [stamp]: now } : {}) })
    .where(and(eq(rewards.id, current.id), eq(rewards.status, current.status)))
    .returning();
  if (!updated) throw invalidState("Reward", current.status, `move to ${to}`);
  await recordEvent(tx, actor, {
    entityType: "reward",
    entityId: current.id,
    action: `reward.${to.toLowerCase()}`,
    fromStatus: current.status,
    toStatus: to,
    data: opts.data ?? null,
    at: now,
  });
  const hook = REWARD_WEBHOOK[to];
  if (hook) await enqueueWebhookEvent(tx, hook, rewardPayload(updated));
  return updated;
}

export type NewReward = Omit<typeof rewards.$inferInsert, "createdAt" | "updatedAt">;

export type InsertRewardOptions = {
  webhook?: { type?: WebhookEventType; extra?: Record<string, unknown> };
  skipDuplicateKey?: boolean;
};

/**
 * Inserts one reward stamped `now` and writes its `reward.created` event (`data`, or `data` of the inserted row)
 * in the caller's transaction.
 * A reward created CALCULATED is announced as `reward.calculated`; `webhook` names another event (always sent)
 * or adds fields to the payload. With `skipDuplicateKey`, a reward whose `uniqueKey` exists already is left
 * alone: nothing is written and null returned.
 */
export async function insertReward<O extends InsertRewardOptions = InsertRewardOptions>(
  tx: DbOrTx,
  actor: Actor,
  now: Date,
  values: NewReward,
  data: Record<string, unknown> | ((reward: Reward) => Record<string, unknown>),
  opts?: O,
): Promise<O extends { skipDuplicateKey: true } ? Reward | null : Reward> {
  const insert = tx.insert(rewards).values({ ...values, createdAt: now, updatedAt: now });
  const [reward] = await (
    opts?.skipDuplicateKey ? insert.onConflictDoNothing({ target: rewards.uniqueKey }) : insert
  ).returning();
  if (!reward) return null as never;
  await recordEvent(tx, actor, {
    entityType: "reward",
    entityId: reward.id,
    action: "reward.created",
    toStatus: reward.status,
    data: typeof data === "function" ? data(reward) : data,
    at: now,
  });
  const hook = opts?.webhook?.type ?? (reward.status === "CALCULATED" ? "reward.calculated" : null);
  if (hook) await enqueueWebhookEvent(tx, hook, { ...rewardPayload(reward), ...opts?.webhook?.extra });
  return reward;
}

export const reviewHeldError = (r: Reward) =>
  new AppError("invalid_state", "Reward is held for a fraud review; only a review decision releases it", {
    extra: { currentStatus: r.status, underReview: true },
  });

export const heldError = (r: Reward) =>
  r.reviewHold
    ? reviewHeldError(r)
    : new AppError(
        "invalid_state",
        `Reward is on hold until ${r.holdUntil!.toISOString()}; approve with an override and a reason`,
        {
          extra: { currentStatus: r.status, holdUntil: r.holdUntil },
        },
      );
