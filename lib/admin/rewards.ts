import "server-only";
import { asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { partners, referrals, rewards } from "@/db/schema";
import { rewardFilterShape, rewardWhere, withRewardFilterJoins } from "@/lib/rewards/queries";
import { pageInput, sortParam, parseInput, COUNT_CAP, capped } from "./pagination";

/** GET /rewards' filters (same names, parsing and `q` columns) with the history view's sorts and pages. */
export const rewardListSchema = z
  .object({ ...rewardFilterShape, sort: sortParam(["createdAt", "amountCents"], "-createdAt"), ...pageInput })
  .strict();
export type RewardListInput = z.input<typeof rewardListSchema>;

/** Rewards in any status with partner and referral code, for history views. */
export async function listRewards(db: DbOrTx, input: RewardListInput) {
  const { sort, page, pageSize, ...filter } = parseInput(rewardListSchema, input);
  const where = rewardWhere({}, filter);
  const f = { sort, page, pageSize };
  const dir = f.sort.desc ? desc : asc;
  const [data, [{ n }]] = await Promise.all([
    db
      .select({
        id: rewards.id,
        type: rewards.type,
        status: rewards.status,
        amountCents: rewards.amountCents,
        currency: rewards.currency,
        holdUntil: rewards.holdUntil,
        reason: rewards.reason,
        cancelReason: rewards.cancelReason,
        approvalOverrideReason: rewards.approvalOverrideReason,
        payoutId: rewards.payoutId,
        createdAt: rewards.createdAt,
        approvedAt: rewards.approvedAt,
        paidAt: rewards.paidAt,
        partnerId: rewards.partnerId,
        partnerName: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
        referralId: rewards.referralId,
        referralCode: referrals.referralCode,
      })
      .from(rewards)
      .innerJoin(partners, eq(partners.id, rewards.partnerId))
      .leftJoin(referrals, eq(referrals.id, rewards.referralId))
      .where(where)
      .orderBy(dir(f.sort.key === "amountCents" ? rewards.amountCents : rewards.createdAt), desc(rewards.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(
      withRewardFilterJoins(db.select({ one: rewards.id }).from(rewards).$dynamic(), filter)
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("c"),
    ),
  ]);
  return {
    data,
    pagination: { page: f.page, pageSize: f.pageSize, total: capped(n).total, nextCursor: null },
    totalCapped: capped(n).totalCapped,
  };
}
