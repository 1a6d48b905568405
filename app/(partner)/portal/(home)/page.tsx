import { connection } from "next/server";
import { BarChart } from "@/components/charts/bar-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { BadgeList, GoalList } from "@/components/portal/achievements";
import { BalanceCards } from "@/components/portal/balance-cards";
import { RangePicker } from "@/components/portal/range-picker";
import { StatusNote } from "@/components/portal/status-note";
import { LinkButton } from "@/components/ui/button";
import { Card, StatCard, StatGrid } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatBps, formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { statusLabel } from "@/components/ui/status-badge";
import type { SearchParams } from "@/components/ui/url";
import { partnerPlan } from "@/lib/commissions/partner-plan";
import { portalContext } from "@/lib/portal/context";
import { dashboardOptions, getPartnerDashboard } from "@/lib/portal/dashboard";
import { notFound } from "next/navigation";

export const metadata = { title: { absolute: "Dashboard · Partner portal" } };

const change = (cur: number, prev: number, label: string) => {
  if (prev === 0) return cur === 0 ? `none in the ${label} before` : `up from none in the ${label} before`;
  const pct = Math.round(((cur - prev) * 100) / prev);
  return `${pct >= 0 ? "+" : ""}${pct}% vs the ${label} before`;
};

export default async function PortalDashboard({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const sp = await searchParams;
  const { db, partner } = await portalContext();
  const { range, interval } = dashboardOptions(sp);
  const [d, plan] = await Promise.all([
    getPartnerDashboard(db, partner.id, { range, interval }),
    partnerPlan(db, partner.id),
  ]);
  if (!d) notFound();
  const periodLabel = range === 365 ? "12 months" : `${range} days`;
  const hasActivity =
    d.current.referrals + d.current.clicks + d.previous.referrals > 0 ||
    d.balances.paid.count + d.balances.approved.count + d.balances.onItsWay.count + d.balances.inReview.count > 0;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={`Welcome, ${partner.firstName}`}
        description={
          <StatusNote status={d.partner.status} statusReason={d.partner.statusReason} earning={d.partner.earning} />
        }
        actions={
          <>
            <LinkButton href="/portal/share" variant="primary">
              Share your link
            </LinkButton>
            <LinkButton href="/portal/referrals/new">Submit a referral</LinkButton>
          </>
        }
      />

      {!hasActivity && (
        <EmptyState
          title="Get your first referral"
          action={
            <>
              <LinkButton href="/portal/share" variant="primary">
                Get your link and QR code
              </LinkButton>
              <LinkButton href="/portal/referrals/new">Submit someone you met</LinkButton>
            </>
          }
        >
          Share your referral link (code <strong>{d.partner.referralCode}</strong>) with clients who need insurance, or
          submit a prospect you met in person. Every quote request through your link shows up here, and you earn{" "}
          {d.partner.earning.bps !== null ? `${formatBps(d.partner.earning.bps)} of each policy sold` : "by your plan"}.
        </EmptyState>
      )}

      {plan && (
        <div className={plan.goals.length ? "grid gap-4 lg:grid-cols-2" : undefined}>
          {plan.goals.length > 0 && (
            <Card
              title="Your goals"
              description={
                plan.tier?.current
                  ? `${plan.tier.current.name} tier. Bonuses for reaching them:`
                  : "Bonuses for reaching them:"
              }
              actions={<LinkButton href="/portal/plan">See your plan</LinkButton>}
            >
              <GoalList goals={plan.goals} currency={plan.plan?.currency ?? partner.currency} />
            </Card>
          )}
          <Card title="Your badges" description="Milestones you have reached">
            <BadgeList badges={plan.badges} />
          </Card>
        </div>
      )}

      <RangePicker range={range} interval={interval} searchParams={sp} />

      <section aria-labelledby="perf-h" className="flex flex-col gap-3">
        <h2 id="perf-h" className="text-lg font-semibold">
          Last {periodLabel}
        </h2>
        <StatGrid label={`Performance over the last ${periodLabel}`}>
          <StatCard
            label="Link clicks"
            value={formatCount(d.current.clicks)}
            hint={change(d.current.clicks, d.previous.clicks, periodLabel)}
          />
          <StatCard
            label="Referrals"
            value={formatCount(d.current.referrals)}
            hint={change(d.current.referrals, d.previous.referrals, periodLabel)}
          />
          <StatCard
            label="Conversions"
            value={formatCount(d.current.conversions)}
            hint="Referrals from this period that bought a policy"
          />
          <StatCard
            label="Conversion rate"
            value={formatBps(d.current.conversionRateBps)}
            hint={`Previous ${periodLabel}: ${formatBps(d.previous.conversionRateBps)}`}
          />
        </StatGrid>
      </section>

      <section aria-labelledby="earn-h" className="flex flex-col gap-3">
        <h2 id="earn-h" className="text-lg font-semibold">
          Earnings
        </h2>
        <BalanceCards b={d.balances} linkTo="/portal/earnings" />
      </section>

      <div className="grid gap-4 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <TimeSeriesChart
            title="Referrals and conversions"
            description={`Per ${interval} (UTC), last ${periodLabel}; conversions counted on the day the referral came in`}
            data={d.trend}
            series={[
              { key: "referrals", label: "Referrals" },
              { key: "conversions", label: "Conversions" },
            ]}
          />
        </Card>
        <Card>
          <BarChart
            title="Referrals by source"
            description={`Last ${periodLabel}`}
            layout="vertical"
            categoryKey="source"
            data={d.sources.map((s) => ({
              source: statusLabel(s.source),
              referrals: s.referrals,
              conversions: s.conversions,
            }))}
            series={[
              { key: "referrals", label: "Referrals" },
              { key: "conversions", label: "Conversions" },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
