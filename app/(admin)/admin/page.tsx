import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AnalyticsControls } from "@/components/admin/analytics/AnalyticsControls";
import { ConversionNote } from "@/components/admin/analytics/ConversionNote";
import { KpiGrid } from "@/components/admin/analytics/KpiGrid";
import { PAYOUT_METHOD_COLOR, payoutMethodLabel } from "@/components/admin/analytics/payout-methods";
import { BarChart, FunnelChart, TimeSeriesChart } from "@/components/charts";
import { PALETTE } from "@/components/charts/format";
import { formatBps, formatCount, formatInstant, formatMoney, humanize } from "@/components/ui";

/** Analytics periods are whole UTC days, so they are shown as UTC dates whatever the viewer's zone. */
const utcDay = (d: Date | string) => formatInstant(d, "date", "UTC");
import { PageHeader } from "@/components/ui/page-header";
import { pick, type SearchParams } from "@/components/ui/url";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db";
import { adminAnalytics, parseInterval, TOP_METRICS, type TopMetric } from "@/lib/analytics";
import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Analytics" };

const TOP_LABELS: Record<TopMetric, string> = {
  conversions: "Conversions",
  earnings: "Earnings",
  referrals: "Referrals",
  conversionRate: "Conversion rate",
};

/** Program analytics from the daily rollups: KPIs against the previous period, trends, funnel, sources, top partners, payouts. */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const raw = pick(await searchParams, ["from", "to", "interval", "top"]);
  const db = await getDb();
  const top = (TOP_METRICS as readonly string[]).includes(raw.top ?? "") ? (raw.top as TopMetric) : "conversions";
  let problem: string | null = null;
  let a;
  try {
    a = await adminAnalytics(db, {
      from: raw.from,
      to: raw.to,
      interval: parseInterval(raw.interval),
      topMetric: top,
      topLimit: 10,
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problem = `${e.message}. Showing the last 30 days.`;
    a = await adminAnalytics(db, { topMetric: top, topLimit: 10 });
  }
  const cur = a.kpis.currency;
  const money = (c: number) => formatMoney(c, cur);
  // Methods with money paid in the period; pending payouts without a method are not a payment method.
  const methods = [...new Set(a.payouts.byMonth.filter((m) => m.paidCents !== 0).map((m) => m.method))];
  const byMethod = a.payouts.byMethod.filter((m) => m.method !== "NONE");
  const unassigned = a.payouts.byMethod.find((m) => m.method === "NONE");
  const months = [...new Set(a.payouts.byMonth.map((m) => m.month))].sort();
  const payoutData = months.map((month) => ({
    month,
    ...Object.fromEntries(
      methods.map((m) => [m, a.payouts.byMonth.find((x) => x.month === month && x.method === m)?.paidCents ?? 0]),
    ),
  }));
  return (
    <>
      <PageHeader
        title="Program analytics"
        description={`${utcDay(a.kpis.period.from)} – ${utcDay(a.kpis.period.to)} (UTC days), compared with ${utcDay(a.kpis.previousPeriod.from)} – ${utcDay(a.kpis.previousPeriod.to)}.`}
      />
      <AnalyticsControls from={a.kpis.period.from} to={a.kpis.period.to} interval={a.trends.interval} top={top} />
      {problem ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{problem}</p>
      ) : null}
      <ConversionNote conversion={a.conversion} />
      <KpiGrid kpis={a.kpis} />
      <div className="grid gap-6 xl:grid-cols-2">
        <TimeSeriesChart
          title="Referrals and conversions"
          description={`Referrals created per ${a.trends.interval} and how many of them converted.`}
          data={a.trends.points.map((p) => ({ date: p.date, referrals: p.referrals, conversions: p.conversions }))}
          series={[
            { key: "referrals", label: "Referrals" },
            { key: "conversions", label: "Conversions" },
          ]}
        />
        {/* Two charts, two scales: rewards are a few percent of the conversion value and would draw flat on its axis. */}
        <TimeSeriesChart
          title="Conversion value"
          description={`Value of the conversions per ${a.trends.interval}.`}
          variant="area"
          format="money"
          currency={cur}
          data={a.trends.points.map((p) => ({ date: p.date, value: p.conversionValueCents }))}
          series={[{ key: "value", label: "Conversion value" }]}
        />
        <TimeSeriesChart
          title="Reward amounts"
          description={`Rewards earned (calculated, approved or paid) per ${a.trends.interval}, by creation day; clawbacks count negative.`}
          variant="area"
          format="money"
          currency={cur}
          data={a.trends.points.map((p) => ({ date: p.date, rewards: p.rewardCents }))}
          series={[{ key: "rewards", label: "Rewards", color: PALETTE[2] }]}
        />
        <FunnelChart
          title="Funnel"
          description="Valid clicks → referrals created in the period → accepted → converted → paid."
          steps={a.funnel.map((s) => ({ label: humanize(s.step), value: s.count }))}
        />
        <div className="xl:col-span-2">
          <BarChart
            title="Sources"
            description="Referrals created in the period by source, and their conversions."
            layout="vertical"
            categoryKey="source"
            data={a.sources.map((s) => ({
              source: humanize(s.source),
              referrals: s.referrals,
              conversions: s.conversions,
            }))}
            series={[
              { key: "referrals", label: "Referrals" },
              { key: "conversions", label: "Conversions" },
            ]}
          />
        </div>
      </div>
      <section aria-labelledby="top-h" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="top-h" className="text-base font-semibold">
            Top partners by {TOP_LABELS[top].toLowerCase()}
          </h2>
          <nav aria-label="Rank top partners by" className="flex flex-wrap gap-1 text-sm">
            {TOP_METRICS.map((m) => (
              <Link
                key={m}
                href={`/admin?${new URLSearchParams({ from: a.kpis.period.from, to: a.kpis.period.to, interval: a.trends.interval, top: m })}`}
                aria-current={m === top ? "true" : undefined}
                className={`rounded-md px-2 py-1 ${m === top ? "bg-brand-600 text-white" : "text-brand-700 hover:bg-brand-50"}`}
              >
                {TOP_LABELS[m]}
              </Link>
            ))}
          </nav>
        </div>
        {a.topPartners.partners.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
            No partner activity in this period.
          </p>
        ) : (
          <Table
            caption={`Partners ranked by ${TOP_LABELS[top].toLowerCase()}`}
            head={["#", "Partner", "Referrals", "Conversions", "Conversion rate", "Conversion value", "Earnings"]}
          >
            {a.topPartners.partners.map((p) => (
              <tr key={p.partnerId}>
                <Td align="right">{p.rank}</Td>
                <Td>
                  <Link className="font-medium text-brand-700 hover:underline" href={`/admin/partners/${p.partnerId}`}>
                    {p.displayName}
                  </Link>
                  {p.companyName ? <span className="block text-xs text-slate-500">{p.companyName}</span> : null}
                </Td>
                <Td align="right">{formatCount(p.referrals)}</Td>
                <Td align="right">{formatCount(p.conversions)}</Td>
                <Td align="right">{formatBps(p.conversionRateBps)}</Td>
                <Td align="right">{money(p.conversionValueCents)}</Td>
                <Td align="right">{money(p.earningsCents)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <BarChart
            title="Payouts by month"
            description="Paid payout amounts per month (by paid day), stacked by payment method."
            categoryKey="month"
            stacked
            format="money"
            currency={cur}
            data={payoutData}
            series={methods.map((m) => ({ key: m, label: payoutMethodLabel(m), color: PAYOUT_METHOD_COLOR[m] }))}
          />
        </div>
        <section aria-labelledby="pm-h" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="pm-h" className="mb-2 text-base font-semibold">
            Payouts by method
          </h2>
          {byMethod.length === 0 ? (
            <p className="text-sm text-slate-600">No payouts in this period.</p>
          ) : (
            <dl className="flex flex-col gap-2 text-sm">
              {byMethod.map((m) => (
                <div key={m.method} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 pb-2">
                  <dt className="flex items-center gap-2 font-medium">
                    <span
                      aria-hidden="true"
                      className="size-3 rounded-sm"
                      style={{ backgroundColor: PAYOUT_METHOD_COLOR[m.method] }}
                    />
                    {payoutMethodLabel(m.method)}
                  </dt>
                  <dd className="text-right tabular-nums">
                    {money(m.paidCents)} paid ({formatCount(m.paidCount)})
                    {m.pendingCount ? (
                      <span className="block text-xs text-amber-800">{money(m.pendingCents)} pending</span>
                    ) : null}
                    {m.failedCount ? (
                      <span className="block text-xs text-rose-700">{money(m.failedCents)} failed</span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {unassigned ? (
            <p className="mt-3 text-xs text-slate-600" data-testid="payouts-without-method">
              {[
                unassigned.pendingCount
                  ? `${money(unassigned.pendingCents)} in ${formatCount(unassigned.pendingCount)} pending payouts without a payment method yet (chosen when they are paid)`
                  : null,
                unassigned.paidCount ? `${money(unassigned.paidCents)} paid without a recorded method` : null,
                unassigned.failedCount ? `${money(unassigned.failedCents)} failed without a method` : null,
              ]
                .filter(Boolean)
                .join("; ")}
              .
            </p>
          ) : null}
        </section>
      </div>
    </>
  );
}
