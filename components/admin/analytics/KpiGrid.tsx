import type { KpiFigures, ProgramKpis } from "@/lib/analytics";
import { formatBps, formatMoney, formatNumber } from "../format";
import { StatCard } from "../StatCard";

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
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        <StatCard
          label="Active partners"
          value={formatNumber(kpis.activePartners)}
          hint={`${formatNumber(c.referringPartners)} referred in the period`}
          change={ch("referringPartners")}
        />
        <StatCard label="Clicks" value={formatNumber(c.clicks)} change={ch("clicks")} />
        <StatCard
          label="Referrals"
          value={formatNumber(c.referrals)}
          hint={`${formatNumber(c.accepted)} accepted`}
          change={ch("referrals")}
        />
        <StatCard
          label="Conversion rate"
          value={formatBps(c.conversionRateBps)}
          hint={`${formatNumber(c.conversions)} conversions`}
          change={ch("conversionRateBps")}
        />
        <StatCard label="Conversion value" value={money(c.conversionValueCents)} change={ch("conversionValueCents")} />
        <StatCard
          label="Rewards pending"
          value={money(c.rewardsPendingCents)}
          hint={`${formatNumber(c.rewardsPendingCount)} pending or calculated`}
          change={ch("rewardsPendingCents", false)}
        />
        <StatCard
          label="Rewards approved"
          value={money(c.rewardsApprovedCents)}
          hint={`${formatNumber(c.rewardsApprovedCount)} rewards`}
          change={ch("rewardsApprovedCents")}
        />
        <StatCard
          label="Rewards paid"
          value={money(c.rewardsPaidCents)}
          hint={`${formatNumber(c.rewardsPaidCount)} rewards`}
          change={ch("rewardsPaidCents")}
        />
        <StatCard
          label="Payouts"
          value={money(c.payoutsPaidCents)}
          hint={`${formatNumber(c.payoutsPaidCount)} paid`}
          change={ch("payoutsPaidCents")}
        />
      </div>
    </section>
  );
}
