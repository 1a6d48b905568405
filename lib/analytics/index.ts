import type { DbOrTx } from "@/db";
import { funnelSteps, sourceShares, type Breakdown } from "./breakdown";
import { activePartners, ANALYTICS_CURRENCY, kpiFigures, referringPartners, type ProgramKpis } from "./kpis";
import { previousPeriod, resolvePeriod, type AnalyticsQuery, type Interval } from "./period";
import { summarisePayouts, type PayoutSummary } from "./payouts";
import { readRollups } from "./source";
import { topPartners, type TopMetric, type TopPartners } from "./top-partners";
import { trendPoints, type TimeTrends } from "./trends";

export * from "./breakdown";
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
  return dashboard(db, q);
}

/** `referringNow`: the current period's referring partners when the caller already has them. */
async function dashboard(db: DbOrTx, q: DashboardQuery, referringNow?: Promise<number>): Promise<DashboardAnalytics> {
  const period = resolvePeriod(q);
  const prev = previousPeriod(period);
  const interval = q.interval ?? "day";
  const partnerId = q.partnerId;
  const metrics = ["clicks", "referrals", "rewards", "payouts"] as const;
  const [cur, before, trendRows, payoutRows, active, refCur, refPrev] = await Promise.all([
    readRollups(db, { metrics, period, partnerId }),
    readRollups(db, { metrics, period: prev, partnerId }),
    readRollups(db, { metrics: ["clicks", "referrals", "rewards"], period, partnerId, interval }),
    readRollups(db, { metrics: ["payouts"], period, partnerId, interval: "month" }),
    activePartners(db, partnerId),
    referringNow ?? referringPartners(db, period, partnerId),
    referringPartners(db, prev, partnerId),
  ]);
  return {
    kpis: {
      period,
      previousPeriod: prev,
      currency: ANALYTICS_CURRENCY,
      activePartners: active,
      current: kpiFigures(cur, refCur),
      previous: kpiFigures(before, refPrev),
    },
    trends: { period, interval, points: trendPoints(trendRows, period, interval) },
    funnel: funnelSteps(cur),
    sources: sourceShares(cur),
    payouts: { period, currency: ANALYTICS_CURRENCY, ...summarisePayouts(payoutRows) },
  };
}

/** The admin analytics page: the program dashboard plus top partners by `topMetric` (default conversions). */
export async function adminAnalytics(
  db: DbOrTx,
  q: Omit<DashboardQuery, "partnerId"> & { topMetric?: TopMetric; topLimit?: number } = {},
): Promise<AdminAnalytics> {
  // The top-partners scan also counts the referring partners: one per-partner scan less.
  const top = topPartners(db, { from: q.from, to: q.to, metric: q.topMetric, limit: q.topLimit });
  const referring = top.then((t) => t.referringPartners);
  // When the dashboard refuses the period before awaiting `referring`, the same refusal still reaches the
  // caller through `top` in Promise.all; this keeps the derived copy from being an unhandled rejection.
  referring.catch(() => {});
  const [dash, topResult] = await Promise.all([
    dashboard(db, { from: q.from, to: q.to, interval: q.interval }, referring),
    top,
  ]);
  return { ...dash, topPartners: topResult };
}
