import Link from "next/link";
import type { ReactNode } from "react";
import { StatCard, StatGrid } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { formatCount, formatMoney } from "@/components/ui/format";
import type { PartnerBalances } from "@/lib/payouts/balances";

const rewards = (n: number) => `${formatCount(n)} ${n === 1 ? "reward" : "rewards"}`;

/**
 * The partner's balances in the one vocabulary of docs/balances.md: In review, Approved, On its way,
 * Paid and the next payout. The dashboard and Earnings show exactly these cards; with `linkTo`, each
 * balance links to the earnings list filtered to its rewards.
 */
export function BalanceCards({ b, linkTo }: { b: PartnerBalances; linkTo?: string }) {
  const money = (c: number) => formatMoney(c, b.currency);
  const label = (text: string, status: string): ReactNode =>
    linkTo ? (
      <Link href={`${linkTo}?status=${status}`} className="hover:underline">
        {text}
      </Link>
    ) : (
      text
    );
  const np = b.nextPayout;
  return (
    <StatGrid label="Your balances, all time" wide>
      <StatCard
        label={label("In review", "PENDING,CALCULATED")}
        value={money(b.inReview.cents)}
        hint={
          `${rewards(b.inReview.count)} waiting for approval` +
          (b.inReview.awaitingValueCount
            ? `, ${formatCount(b.inReview.awaitingValueCount)} of them still without a value`
            : "")
        }
      />
      <StatCard
        label={label("Approved", "APPROVED")}
        value={money(b.approved.cents)}
        hint={`${rewards(b.approved.count)} for the next payout`}
        tone="good"
      />
      <StatCard
        label="On its way"
        value={money(b.onItsWay.cents)}
        hint={
          b.onItsWay.count
            ? `${rewards(b.onItsWay.count)} in a payout being transferred to you`
            : "Nothing is being transferred right now"
        }
      />
      <StatCard
        label={label("Paid", "PAID")}
        value={money(b.paid.cents)}
        hint={`${rewards(b.paid.count)} paid so far`}
      />
      <StatCard
        label="Next payout"
        value={money(np.amountCents)}
        tone={np.eligible ? "good" : "default"}
        hint={
          np.eligible ? (
            <>
              The approved balance, on <DateTime value={`${np.date}T12:00:00Z`} mode="date" />
            </>
          ) : (
            `Payouts start at ${money(np.minimumCents)}: ${money(np.shortByCents)} more approved earnings needed`
          )
        }
      />
    </StatGrid>
  );
}
