import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Calculation } from "@/lib/commissions/types";
import type { TakeBack } from "@/lib/policies/takeback";
import { cents, currency, id, ref, timestamps, ts } from "./columns";
import { commissionPlanVersions } from "./commissions";
import { paymentMethod, payoutStatus, rewardStatus, rewardType } from "./enums";
import { partners } from "./partners";
import { policyEvents } from "./policies";
import { referrals } from "./referrals";

/** One payment to a partner covering one or more rewards. */
export const payouts = pgTable(
  "payouts",
  {
    id: id(),
    partnerId: ref(() => partners.id),
    amountCents: cents().notNull(),
    currency: currency(),
    status: payoutStatus().notNull().default("PENDING"),
    paymentMethod: paymentMethod(),
    transactionId: text(),
    rewardCount: integer().notNull().default(0),
    /** Payouts created together share a batch id (one CSV for the bank). */
    batchId: uuid(),
    failureReason: text(),
    createdBy: text(),
    ...timestamps,
    paidAt: ts(),
    failedAt: ts(),
  },
  (t) => [
    uniqueIndex("payouts_method_txn_key")
      .on(t.paymentMethod, t.transactionId)
      .where(sql`${t.transactionId} is not null`),
    index("payouts_partner_idx").on(t.partnerId, t.createdAt),
    index("payouts_status_idx").on(t.status, t.createdAt),
    index("payouts_batch_idx").on(t.batchId),
    check("payouts_amount_nonneg", sql`${t.amountCents} >= 0`),
  ],
);

export const rewards = pgTable(
  "rewards",
  {
    id: id(),
    partnerId: ref(() => partners.id),
    /** Null for manual rewards (bonus, adjustment, clawback) not tied to a referral. */
    referralId: uuid().references(() => referrals.id),
    type: rewardType().notNull().default("CONVERSION"),
    /** Null while PENDING (converted without a value yet). */
    amountCents: cents(),
    currency: currency(),
    /** Commission rate used, in basis points. */
    rateBps: integer(),
    /** The conversion value the amount was computed from. */
    baseCents: cents(),
    status: rewardStatus().notNull().default("PENDING"),
    holdUntil: ts(),
    /** Why the time hold is what it is, in words (lib/rewards/hold.ts). */
    holdReason: text(),
    /** Held for a fraud review: no approval, bulk approval or payout until a review decision releases it. */
    reviewHold: boolean().notNull().default(false),
    reason: text(),
    calculatedAt: ts(),
    approvedAt: ts(),
    approvedBy: text(),
    approvalOverrideReason: text(),
    paidAt: ts(),
    paymentMethod: paymentMethod(),
    transactionId: text(),
    payoutId: uuid().references(() => payouts.id),
    cancelledAt: ts(),
    cancelReason: text(),
    createdBy: text(),
    /** The plan version the amount was computed with (null for manual and pre-plan rewards). */
    planVersionId: uuid().references(() => commissionPlanVersions.id),
    /** How the amount was computed, with its one-line explanation (`lib/commissions/calculate.ts`). */
    calculation: jsonb().$type<Calculation>(),
    /** A clawback's reward it takes back from (docs/compliance.md#clawbacks). */
    adjustsRewardId: uuid().references((): AnyPgColumn => rewards.id),
    /** The policy event that created this reward (a clawback, a renewal) or cancelled it. */
    policyEventId: uuid().references(() => policyEvents.id),
    /** How a policy cancellation's take-back was computed (lib/policies/takeback.ts). */
    clawback: jsonb().$type<TakeBack>(),
    /** At most one reward per key: a bonus per partner and period, a lead fee per referral, a renewal per policy year, a clawback per reward. */
    uniqueKey: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("rewards_unique_key").on(t.uniqueKey),
    index("rewards_partner_created_idx").on(t.partnerId, t.createdAt),
    uniqueIndex("rewards_one_conversion_per_referral")
      .on(t.referralId)
      .where(sql`${t.type} = 'CONVERSION'`),
    index("rewards_partner_status_idx").on(t.partnerId, t.status),
    index("rewards_status_hold_idx").on(t.status, t.holdUntil, t.createdAt),
    index("rewards_payout_idx").on(t.payoutId),
    index("rewards_created_idx").on(t.createdAt),
    index("rewards_adjusts_idx").on(t.adjustsRewardId),
    check(
      "rewards_negative_only_clawback",
      sql`${t.amountCents} is null or ${t.amountCents} >= 0 or ${t.type} = 'CLAWBACK'`,
    ),
    check(
      "rewards_amount_when_calculated",
      sql`${t.status} = 'PENDING' or ${t.status} = 'CANCELLED' or ${t.amountCents} is not null`,
    ),
  ],
);

/** Which rewards a payout covered, kept even when the payout failed and the rewards went back to APPROVED. */
export const payoutItems = pgTable(
  "payout_items",
  {
    payoutId: ref(() => payouts.id),
    rewardId: ref(() => rewards.id),
    amountCents: cents().notNull(),
  },
  (t) => [primaryKey({ columns: [t.payoutId, t.rewardId] }), index("payout_items_reward_idx").on(t.rewardId)],
);
