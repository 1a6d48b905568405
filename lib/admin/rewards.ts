import "server-only";
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { REWARD_STATUSES, REWARD_TYPES, partners, referrals, rewards } from "@/db/schema";
import { enumList, isoFrom, isoTo, pageInput, sortParam, parseInput, COUNT_CAP, capped } from "./pagination";

export const rewardListSchema = z
  .object({
    status: enumList(REWARD_STATUSES, "status").optional(),
    type: enumList(REWARD_TYPES, "type").optional(),
    partnerId: z.uuid("partnerId must be a UUID").optional(),
    referralId: z.uuid("referralId must be a UUID").optional(),
    from: isoFrom.optional(),
    to: isoTo.optional(),
    sort: sortParam(["createdAt", "amountCents"], "-createdAt"),
    ...pageInput,
  })
  .strict();
export type RewardListInput = z.input<typeof rewardListSchema>;

/** Rewards in any status with partner and referral code, for history views. */
export async function listRewards(db: DbOrTx, input: RewardListInput) {
  const f = parseInput(rewardListSchema, input);
  const where: SQL | undefined = and(
    f.status ? inArray(rewards.status, f.status) : undefined,
    f.type ? inArray(rewards.type, f.type) : undefined,
    f.partnerId ? eq(rewards.partnerId, f.partnerId) : undefined,
    f.referralId ? eq(rewards.referralId, f.referralId) : undefined,
    f.from ? gte(rewards.createdAt, f.from) : undefined,
    f.to ? lt(rewards.createdAt, f.to) : undefined,
  );
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
    db.select({ n: count() }).from(db.select({ one: rewards.id }).from(rewards).where(where).limit(COUNT_CAP + 1).as("c")),
  ]);
  return { data, pagination: { page: f.page, pageSize: f.pageSize, total: capped(n).total, nextCursor: null }, totalCapped: capped(n).totalCapped };
}
