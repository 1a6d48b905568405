import type { KpiFigures, ProgramKpis } from "@/lib/analytics";
import { formatBps, formatCount, formatMoney } from "@/components/ui";
import { StatCard, StatGrid } from "@/components/ui/card";

/** Relative change against the previous period; null when there is nothing to compare with. */
export function changeRatio(cur: number, prev: number): number | null {
  if (prev === 0) return cur === 0 ? 0 : null;
  return (cur - prev) / Math.abs(prev);
}

export function KpiGrid({ kpis }: { kpis: ProgramKpis }) {
  const { current: c, previous: p, currency } = kpis;
  const money = (n: number) => formatMoney(n, currency);
  const ch = (k: keyof KpiFigures, goodWhenUp = true) => ({ ratio: changeRatio(c[k], p[k]), goodWhenUp });
  return (
    <section aria-labelledby="kpi-h" className="flex flex-col gap-3">
      <h2 id="kpi-h" className="sr-only">
        Key figures
      </h2>
      <StatGrid label="Key figures" wide>
        <StatCard
          label="Active partners"
          value={formatCount(kpis.activePartners)}
          hint={`${formatCount(c.referringPartners)} referred in the period`}
          change={ch("referringPartners")}
        />
        <StatCard label="Clicks" value={formatCount(c.clicks)} change={ch("clicks")} />
        <StatCard
          label="Referrals"
          value={formatCount(c.referrals)}
          hint={`${formatCount(c.accepted)} accepted`}
          change={ch("referrals")}
        />
        <StatCard
          label="Conversion rate"
          value={formatBps(c.conversionRateBps)}
          hint={`${formatCount(c.conversions)} conversions`}
          change={ch("conversionRateBps")}
        />
        <StatCard label="Conversion value" value={money(c.conversionValueCents)} change={ch("conversionValueCents")} />
        <StatCard
          label="Rewards pending"
          value={money(c.rewardsPendingCents)}
          hint={`${formatCount(c.rewardsPendingCount)} pending or calculated`}
          change={ch("rewardsPendingCents", false)}
        />
        <StatCard
          label="Rewards approved"
          value={money(c.rewardsApprovedCents)}
          hint={`${formatCount(c.rewardsApprovedCount)} rewards`}
          change={ch("rewardsApprovedCents")}
        />
        <StatCard
          label="Rewards paid"
          value={money(c.rewardsPaidCents)}
          hint={`${formatCount(c.rewardsPaidCount)} rewards earned in the period, since paid`}
          change={ch("rewardsPaidCents")}
        />
        <StatCard
          label="Payouts"
          value={money(c.payoutsPaidCents)}
          hint={`${formatCount(c.payoutsPaidCount)} sent in the period`}
          change={ch("payoutsPaidCents")}
        />
      </StatGrid>
      <p className="text-sm text-slate-600" data-testid="paid-vs-payouts">
        Why “Rewards paid” and “Payouts” differ: <strong className="font-medium">Rewards paid</strong> counts the
        rewards earned in this period that have been paid since, whenever that was.{" "}
        <strong className="font-medium">Payouts</strong> counts the money sent in this period, by paid day, whichever
        period its rewards were earned in.
      </p>
    </section>
  );
}
