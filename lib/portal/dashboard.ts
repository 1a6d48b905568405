import type { DbOrTx } from "@/db";
import { partnerEarning } from "@/lib/commissions/summary";
import {
  shiftDay,
  isoDay,
  kpiFigures,
  previousPeriod,
  sourceShares,
  trendPoints,
  type Period,
  type SourceShare,
} from "@/lib/analytics";
import { readRollups } from "@/lib/analytics/source";
import { getPartner } from "@/lib/partners/queries";
import { partnerBalances, type PartnerBalances } from "@/lib/payouts/balances";

export const DASHBOARD_RANGES = [30, 90, 365] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];
export type DashboardInterval = "day" | "week";

export interface PeriodFigures {
  /** Valid clicks on the partner's links. */
  clicks: number;
  /** Referrals created in the period. */
  referrals: number;
  /** Of those, now ACCEPTED, CONVERTED or PAID. */
  accepted: number;
  /** Of those, now CONVERTED or PAID (the conversion of docs/domain-rules.md#figures). */
  conversions: number;
  /** conversions ÷ referrals, basis points. */
  conversionRateBps: number;
}

const figures = (rows: Parameters<typeof kpiFigures>[0]): PeriodFigures => {
  const k = kpiFigures(rows, 0);
  return {
    clicks: k.clicks,
    referrals: k.referrals,
    accepted: k.accepted,
    conversions: k.conversions,
    conversionRateBps: k.conversionRateBps,
  };
};

export interface PartnerDashboard {
  partner: {
    id: string;
    name: string;
    companyName: string | null;
    status: string;
    statusReason: string | null;
    earning: Awaited<ReturnType<typeof partnerEarning>>;
    currency: string;
    referralCode: string | null;
  };
  period: Period;
  range: DashboardRange;
  interval: DashboardInterval;
  /** Clicks, referrals, conversions and conversion rate of the period, with the period before. */
  current: PeriodFigures;
  previous: PeriodFigures;
  /** Balances over all time (not period-bound), the same figures Earnings and Payouts show. */
  balances: PartnerBalances;
  trend: { date: string; referrals: number; conversions: number; clicks: number }[];
  sources: SourceShare[];
}

/** Parses `?range=` and `?interval=` leniently (a dashboard link never errors): 30 days by day by default. */
export function dashboardOptions(sp: { range?: string | string[]; interval?: string | string[] }): {
  range: DashboardRange;
  interval: DashboardInterval;
} {
  const r = Number(Array.isArray(sp.range) ? sp.range[0] : sp.range);
  const range = (DASHBOARD_RANGES as readonly number[]).includes(r) ? (r as DashboardRange) : 30;
  const i = String(Array.isArray(sp.interval) ? sp.interval[0] : (sp.interval ?? "")).toLowerCase();
  const interval: DashboardInterval = i === "week" || i === "day" ? i : range === 365 ? "week" : "day";
  return { range, interval };
}

/**
 * Everything the partner dashboard shows, in parallel reads: period figures and trends from the
 * analytics rollups, and balances from the reward rollups too (fast at any scale).
 * Null when the partner does not exist.
 */
export async function getPartnerDashboard(
  db: DbOrTx,
  partnerId: string,
  opts: { range?: DashboardRange; interval?: DashboardInterval } = {},
  now = new Date(),
): Promise<PartnerDashboard | null> {
  const range = opts.range ?? 30;
  const interval = opts.interval ?? "day";
  const to = isoDay(now);
  const period: Period = { from: shiftDay(to, -(range - 1)), to };
  const metrics = ["clicks", "referrals"] as const;
  // Rollup reads: the period by bucket (also summed for the cards and sources), the period
  // before (for the comparison), and the balances.
  const [partner, bucketRows, previousRows, balances, earning] = await Promise.all([
    getPartner(db, { partnerId }, partnerId),
    readRollups(db, { metrics, period, partnerId, interval }),
    readRollups(db, { metrics, period: previousPeriod(period), partnerId }),
    partnerBalances(db, partnerId, now),
    partnerEarning(db, partnerId, now),
  ]);
  if (!partner) return null;
  return {
    partner: {
      id: partner.id,
      name: `${partner.firstName} ${partner.lastName}`,
      companyName: partner.companyName,
      status: partner.status,
      statusReason: partner.statusReason,
      earning,
      currency: partner.currency,
      referralCode: partner.referralCode,
    },
    period,
    range,
    interval,
    current: figures(bucketRows),
    previous: figures(previousRows),
    balances,
    trend: trendPoints(bucketRows, period, interval).map((p) => ({
      date: p.date,
      referrals: p.referrals,
      conversions: p.conversions,
      clicks: p.clicks,
    })),
    sources: sourceShares(bucketRows),
  };
}
