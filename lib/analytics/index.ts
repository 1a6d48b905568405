import type { DbOrTx } from "@/db";
import { funnelSteps, sourceShares, type Breakdown } from "./breakdown";
import { conversionSummary, fxContext, type CurrencyConversion, type FxContext } from "./fx";
import { activePartners, kpiFigures, referringPartners, type ProgramKpis } from "./kpis";
import { previousPeriod, resolvePeriod, type AnalyticsQuery, type Interval } from "./period";
import { summarisePayouts, type PayoutSummary } from "./payouts";
import { readRollups } from "./source";
import { topPartners, type TopMetric, type TopPartners } from "./top-partners";
import { trendPoints, type TimeTrends } from "./trends";

export * from "./breakdown";
export type { CurrencyConversion } from "./fx";
export * from "./kpis";
export * from "./payouts";
export * from "./period";
export * from "./rollup";
export * from "./statistics";
export * from "./top-partners";
export * from "./trends";
export { ALL_PARTNERS } from "./keys";

export interface DashboardAnalytics {
  kpis: ProgramKpis;
  trends: TimeTrends;
  funnel: Breakdown["funnel"];
  sources: Breakdown["sources"];
  payouts: PayoutSummary;
  /** How amounts in other currencies were converted to the program currency, and which rates were missing. */
  conversion: CurrencyConversion;
}

export interface AdminAnalytics extends DashboardAnalytics {
  topPartners: TopPartners;
}

export type DashboardQuery = AnalyticsQuery & { interval?: Interval };

/**
 * Everything a dashboard shows, in a handful of parallel reads of the rollups: KPIs with the
 * previous period, trends, funnel, sources and payouts. With `partnerId`, one partner's dashboard.
 */
export async function dashboardAnalytics(db: DbOrTx, q: DashboardQuery = {}): Promise<DashboardAnalytics> {
  const fx = await fxContext(db);
  const dash = await dashboard(db, q, fx);
  return withConversion(dash, conversionSummary(fx));
}

/** The one conversion summary of a response, on the dashboard and on its parts that carry amounts. */
function withConversion(d: Omit<DashboardAnalytics, "conversion">, conversion: CurrencyConversion): DashboardAnalytics {
  return { ...d, kpis: { ...d.kpis, conversion }, payouts: { ...d.payouts, conversion }, conversion };
}

/** `referringNow`: the current period's referring partners when the caller already has them. */
async function dashboard(
  db: DbOrTx,
  q: DashboardQuery,
  fx: FxContext,
  referringNow?: Promise<number>,
): Promise<Omit<DashboardAnalytics, "conversion">> {
  const period = resolvePeriod(q);
  const prev = previousPeriod(period);
  const interval = q.interval ?? "day";
  const partnerId = q.partnerId;
  const metrics = ["clicks", "referrals", "rewards", "payouts"] as const;
  const [cur, before, trendRows, payoutRows, active, refCur, refPrev] = await Promise.all([
    readRollups(db, { metrics, period, partnerId, fx }),
    readRollups(db, { metrics, period: prev, partnerId, fx }),
    readRollups(db, { metrics: ["clicks", "referrals", "rewards"], period, partnerId, interval, fx }),
    readRollups(db, { metrics: ["payouts"], period, partnerId, interval: "month", fx }),
    activePartners(db, partnerId),
    referringNow ?? referringPartners(db, period, partnerId),
    referringPartners(db, prev, partnerId),
  ]);
  return {
    kpis: {
      period,
      previousPeriod: prev,
      currency: fx.currency,
      activePartners: active,
      current: kpiFigures(cur, refCur),
      previous: kpiFigures(before, refPrev),
      conversion: conversionSummary(fx),
    },
    trends: { period, interval, points: trendPoints(trendRows, period, interval) },
    funnel: funnelSteps(cur),
    sources: sourceShares(cur),
    payouts: { period, currency: fx.currency, ...summarisePayouts(payoutRows), conversion: conversionSummary(fx) },
  };
}

/** The admin analytics page: the program dashboard plus top partners by `topMetric` (default conversions). */
export async function adminAnalytics(
  db: DbOrTx,
  q: Omit<DashboardQuery, "partnerId"> & { topMetric?: TopMetric; topLimit?: number } = {},
): Promise<AdminAnalytics> {
  const fx = await fxContext(db);
  // The top-partners scan also counts the referring partners: one per-partner scan less.
  const top = topPartners(db, { from: q.from, to: q.to, metric: q.topMetric, limit: q.topLimit }, fx);
  const referring = top.then((t) => t.referringPartners);
  // When the dashboard refuses the period before awaiting `referring`, the same refusal still reaches the
  // caller through `top` in Promise.all; this keeps the derived copy from being an unhandled rejection.
  referring.catch(() => {});
  const [dash, topResult] = await Promise.all([
    dashboard(db, { from: q.from, to: q.to, interval: q.interval }, fx, referring),
    top,
  ]);
  // Both read through `fx`: one summary of every conversion and missing rate of the page.
  const conversion = conversionSummary(fx);
  return { ...withConversion(dash, conversion), topPartners: { ...topResult, conversion } };
}
