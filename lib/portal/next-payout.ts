import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payouts, rewards } from "@/db/schema";
import { nextPayoutDate } from "@/lib/payouts/eligibility";
import { getSettings } from "@/lib/settings";

export interface NextPayoutView {
  /** The next payout day (UTC, `YYYY-MM-DD`), from the program's payout day of the month. */
  date: string;
  /** Approved rewards not yet in a payout: what the next payout will carry. */
  approvedCents: number;
  approvedCount: number;
  /** The partner's own minimum when set, else the program's. */
  minimumCents: number;
  /** True when the approved total reaches the minimum (CONTRACT: paid on the next payout day). */
  eligible: boolean;
  shortByCents: number;
  currency: string;
  /** A payout already created and awaiting the bank transfer, if any. */
  inProgress: { id: string; amountCents: number; createdAt: Date } | null;
}

/**
 * A partner's next payout as CONTRACT defines it: its approved total, when at least the minimum
 * payout, on the next payout day. Counts what the engine's `nextPayout` counts (approved rewards not yet
 * in a payout) and adds the count, the shortfall and a PENDING payout "on its way" (`inProgress`). Read-only.
 */
export async function nextPayoutFor(db: DbOrTx, partnerId: string, now = new Date()): Promise<NextPayoutView> {
  const [settings, [partner], [approved], [pending]] = await Promise.all([
    getSettings(db),
    db
      .select({ min: partners.minimumPayoutCents, currency: partners.currency })
      .from(partners)
      .where(eq(partners.id, partnerId)),
    db
      .select({ n: sql<string>`count(*)`, cents: sql<string>`coalesce(sum(${rewards.amountCents}), 0)` })
      .from(rewards)
      .where(
        and(
          eq(rewards.partnerId, partnerId),
          eq(rewards.status, "APPROVED"),
          // Rewards already in a payout awaiting transfer stay APPROVED with a payout id: not counted twice.
          isNull(rewards.payoutId),
        ),
      ),
    db
      .select({ id: payouts.id, amountCents: payouts.amountCents, createdAt: payouts.createdAt })
      .from(payouts)
      .where(and(eq(payouts.partnerId, partnerId), eq(payouts.status, "PENDING")))
      .orderBy(desc(payouts.createdAt))
      .limit(1),
  ]);
  const minimumCents = partner?.min ?? settings.minimumPayoutCents;
  const approvedCents = Number(approved?.cents ?? 0);
  return {
    date: nextPayoutDate(now, settings.payoutDayOfMonth),
    approvedCents,
    approvedCount: Number(approved?.n ?? 0),
    minimumCents,
    eligible: approvedCents >= minimumCents && approvedCents > 0,
    shortByCents: Math.max(0, minimumCents - approvedCents),
    currency: partner?.currency ?? settings.defaultCurrency,
    inProgress: pending ?? null,
  };
}
