import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payouts, rewards } from "@/db/schema";
import { REWARD_STATUSES, type RewardStatus } from "@/db/schema/enums";
import { readRollups } from "@/lib/analytics/source";
import type { RewardTotals } from "@/lib/rewards/queries";
import { getSettings } from "@/lib/settings";
import { isPayoutDue, nextPayoutDate, payoutMinimumCents } from "./eligibility";

/** Every day a reward can carry: the rollups are keyed by the reward's creation day. */
const ALL_TIME = { from: "1970-01-01", to: "9999-12-31" };

/**
 * A partner's rewards by current status over all time (count and amount), from the daily rollups
 * (rollup rows plus unfolded deltas: exact, and proved equal to the raw rows by the analytics checks).
 * Reads a few thousand rollup rows instead of every reward row, so it stays fast at any scale.
 */
export async function rewardTotalsFromRollups(db: DbOrTx, partnerId: string): Promise<RewardTotals> {
  const rows = await readRollups(db, { metrics: ["rewards"], period: ALL_TIME, partnerId });
  const out = Object.fromEntries(REWARD_STATUSES.map((s) => [s, { count: 0, amountCents: 0 }])) as RewardTotals;
  for (const r of rows) {
    const t = out[r.status as RewardStatus];
    if (!t) continue;
    t.count += r.count;
    t.amountCents += r.amountCents;
  }
  return out;
}

export interface Balance {
  cents: number;
  count: number;
}

/**
 * A partner's money in one vocabulary (docs/balances.md), the same on the dashboard, Earnings and
 * Payouts. The four balances never overlap: every reward that is not cancelled is in exactly one.
 */
export interface PartnerBalances {
  currency: string;
  /** "In review": PENDING (sold, value not known yet; no amount) and CALCULATED (amount known, awaiting approval). */
  inReview: Balance & { awaitingValueCount: number };
  /** "Approved": APPROVED and not yet in a payout, so the next payout carries it. */
  approved: Balance;
  /** "On its way": APPROVED inside a PENDING payout that is being transferred. */
  onItsWay: Balance & { payouts: { id: string; amountCents: number; createdAt: Date }[] };
  /** "Paid": PAID. */
  paid: Balance;
  cancelledCount: number;
  /** The approved balance, when at least the minimum, on the next payout day (docs/balances.md). */
  nextPayout: {
    /** UTC `YYYY-MM-DD`; the payout day itself counts as next. */
    date: string;
    /** The partner's own minimum when set, else the program's. */
    minimumCents: number;
    eligible: boolean;
    /** What the next payout will carry: the approved balance when it reaches the minimum, else 0. */
    amountCents: number;
    shortByCents: number;
  };
}

export async function partnerBalances(db: DbOrTx, partnerId: string, now = new Date()): Promise<PartnerBalances> {
  const [settings, [partner], totals, [a], pendingPayouts] = await Promise.all([
    getSettings(db),
    db
      .select({ min: partners.minimumPayoutCents, currency: partners.currency, status: partners.status })
      .from(partners)
      .where(eq(partners.id, partnerId)),
    rewardTotalsFromRollups(db, partnerId),
    // Approved rewards split by whether a payout already holds them (then they stay APPROVED until paid).
    db
      .select({
        freeN: sql<string>`count(*) filter (where ${rewards.payoutId} is null)`,
        freeCents: sql<string>`coalesce(sum(${rewards.amountCents}) filter (where ${rewards.payoutId} is null), 0)`,
        heldN: sql<string>`count(*) filter (where ${rewards.payoutId} is not null)`,
        heldCents: sql<string>`coalesce(sum(${rewards.amountCents}) filter (where ${rewards.payoutId} is not null), 0)`,
      })
      .from(rewards)
      .where(and(eq(rewards.partnerId, partnerId), eq(rewards.status, "APPROVED"))),
    db
      .select({ id: payouts.id, amountCents: payouts.amountCents, createdAt: payouts.createdAt })
      .from(payouts)
      .where(and(eq(payouts.partnerId, partnerId), eq(payouts.status, "PENDING")))
      .orderBy(desc(payouts.createdAt)),
  ]);
  const approved = { cents: Number(a?.freeCents ?? 0), count: Number(a?.freeN ?? 0) };
  const minimumCents = payoutMinimumCents({ partner: partner?.min ?? null, program: settings.minimumPayoutCents });
  const eligible = isPayoutDue({ partnerStatus: partner?.status ?? "", amountCents: approved.cents, minimumCents });
  return {
    currency: partner?.currency ?? settings.defaultCurrency,
    inReview: {
      cents: totals.PENDING.amountCents + totals.CALCULATED.amountCents,
      count: totals.PENDING.count + totals.CALCULATED.count,
      awaitingValueCount: totals.PENDING.count,
    },
    approved,
    onItsWay: { cents: Number(a?.heldCents ?? 0), count: Number(a?.heldN ?? 0), payouts: pendingPayouts },
    paid: { cents: totals.PAID.amountCents, count: totals.PAID.count },
    cancelledCount: totals.CANCELLED.count,
    nextPayout: {
      date: nextPayoutDate(now, settings.payoutDayOfMonth),
      minimumCents,
      eligible,
      amountCents: eligible ? approved.cents : 0,
      shortByCents: Math.max(0, minimumCents - approved.cents),
    },
  };
}

/** The words for each reward status, matching the balances (a person never sees two names for one thing). */
export const REWARD_STATUS_WORDS: Record<RewardStatus, string> = {
  PENDING: "In review (value to come)",
  CALCULATED: "In review",
  APPROVED: "Approved",
  PAID: "Paid",
  CANCELLED: "Cancelled",
};

/** A reward's word for the partner: an approved reward already inside a payout is "On its way". */
export const rewardStatusWord = (status: RewardStatus, payoutId: string | null) =>
  status === "APPROVED" && payoutId ? "On its way" : REWARD_STATUS_WORDS[status];

/** A payout's word for the partner: a PENDING payout is being transferred, so "On its way". */
export const PAYOUT_STATUS_WORDS: Record<"PENDING" | "PAID" | "FAILED", string> = {
  PENDING: "On its way",
  PAID: "Paid",
  FAILED: "Failed",
};
