import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import {
  PARTNER_STATUSES,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  REWARD_STATUSES,
  REWARD_TYPES,
  type PartnerStatus,
  type ReferralSource,
  type ReferralStatus,
  type RewardStatus,
  type RewardType,
} from "@/db/schema/enums";
import { conversionSummary, fxContext, roundExact, type CurrencyConversion } from "./fx";
import { referringPartners } from "./kpis";
import { shiftDay, resolvePeriod, utcMidnight, type AnalyticsQuery, type Interval, type Period } from "./period";
import { summarisePayouts, type PayoutMethodTotal } from "./payouts";
import { CONVERTED, EARNED, rateBps, readRollups, total } from "./source";
import { bucketStarts } from "./trends";

/** The figures behind GET /api/v1/{referrals,rewards,partners}/statistics (optionally one partner's). */

export type StatisticsQuery = AnalyticsQuery & { interval?: Interval };

export interface ReferralStatistics {
  period: Period;
  interval: Interval;
  currency: string;
  total: number;
  byStatus: Record<ReferralStatus, number>;
  bySource: Record<ReferralSource, number>;
  conversions: number;
  conversionRateBps: number;
  conversionValueCents: number;
  /** Median hours from creation to conversion of the period's converted referrals (null when none). */
  medianHoursToConvert: number | null;
  trend: { date: string; referrals: number; conversions: number }[];
  /** How amounts in other currencies were converted to `currency`, and which rates were missing. */
  conversion: CurrencyConversion;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Median of (converted_at − created_at) in hours, one decimal, over referrals created in the period. */
export async function medianHoursToConvert(db: DbOrTx, period: Period, partnerId?: string): Promise<number | null> {
  const scope = partnerId ? sql`and partner_id = ${partnerId}::uuid` : sql``;
  const [r] = rowsOf<{ h: string | number | null }>(
    await db.execute(sql`
      select percentile_cont(0.5) within group (order by extract(epoch from converted_at - created_at)) / 3600 as h
      from referrals
      where converted_at is not null and created_at >= ${utcMidnight(period.from)}::timestamptz and created_at < ${utcMidnight(shiftDay(period.to, 1))}::timestamptz ${scope}`),
  );
  return r?.h == null ? null : Math.round(Number(r.h) * 10) / 10;
}

export async function referralStatistics(db: DbOrTx, q: StatisticsQuery = {}): Promise<ReferralStatistics> {
  const period = resolvePeriod(q);
  const interval = q.interval ?? "day";
  const fx = await fxContext(db);
  const [rows, median] = await Promise.all([
    readRollups(db, { metrics: ["referrals"], period, partnerId: q.partnerId, interval, fx }),
    medianHoursToConvert(db, period, q.partnerId),
  ]);
  const byStatus = zeros(REFERRAL_STATUSES);
  const bySource = zeros(REFERRAL_SOURCES);
  const trend = new Map(bucketStarts(period, interval).map((date) => [date, { date, referrals: 0, conversions: 0 }]));
  for (const r of rows) {
    byStatus[r.status as ReferralStatus] += r.count;
    bySource[r.kind as ReferralSource] += r.count;
    const p = trend.get(r.bucket!);
    if (p) {
      p.referrals += r.count;
      if (CONVERTED.has(r.status)) p.conversions += r.count;
    }
  }
  const all = total(rows, () => true).count;
  const converted = total(rows, (r) => CONVERTED.has(r.status));
  return {
    period,
    interval,
    currency: fx.currency,
    total: all,
    byStatus,
    bySource,
    conversions: converted.count,
    conversionRateBps: rateBps(converted.count, all),
    conversionValueCents: converted.amountCents,
    medianHoursToConvert: median,
    trend: [...trend.values()],
    conversion: conversionSummary(fx),
  };
}

export interface RewardMonth {
  /** `YYYY-MM` of the rewards' creation. */
  month: string;
  count: number;
  pendingCount: number;
  calculatedCents: number;
  approvedCents: number;
  paidCents: number;
  cancelledCents: number;
}

export interface RewardStatistics {
  period: Period;
  currency: string;
  byStatus: Record<RewardStatus, { count: number; amountCents: number }>;
  byType: Record<RewardType, { count: number; amountCents: number }>;
  /** CALCULATED + APPROVED + PAID. */
  earnedCents: number;
  byMonth: RewardMonth[];
  /** Payouts by method: paid in the period by paid day, pending and failed by created day. */
  payoutsByMethod: PayoutMethodTotal[];
  /** How amounts in other currencies were converted to `currency`, and which rates were missing. */
  conversion: CurrencyConversion;
}

export async function rewardStatistics(db: DbOrTx, q: AnalyticsQuery = {}): Promise<RewardStatistics> {
  const period = resolvePeriod(q);
  const fx = await fxContext(db);
  const rows = await readRollups(db, {
    metrics: ["rewards", "payouts"],
    period,
    partnerId: q.partnerId,
    interval: "month",
    fx,
  });
  const rewards = rows.filter((r) => r.metric === "rewards");
  // Exact sums per figure, rounded once at the end (half to even).
  const pair = () => ({ count: 0, exact: 0n });
  const byStatus = Object.fromEntries(REWARD_STATUSES.map((s) => [s, pair()])) as Record<RewardStatus, Slot>;
  const byType = Object.fromEntries(REWARD_TYPES.map((s) => [s, pair()])) as Record<RewardType, Slot>;
  type Cents = "calculated" | "approved" | "paid" | "cancelled";
  const months = new Map<string, { month: string; count: number; pendingCount: number } & Record<Cents, bigint>>();
  for (const r of rewards) {
    for (const slot of [byStatus[r.status as RewardStatus], byType[r.kind as RewardType]]) {
      slot.count += r.count;
      slot.exact += r.amountExact;
    }
    const month = r.bucket!.slice(0, 7);
    const m = months.get(month) ?? {
      month,
      count: 0,
      pendingCount: 0,
      calculated: 0n,
      approved: 0n,
      paid: 0n,
      cancelled: 0n,
    };
    months.set(month, m);
    m.count += r.count;
    if (r.status === "PENDING") m.pendingCount += r.count;
    else m[r.status.toLowerCase() as Cents] += r.amountExact;
  }
  const cents = <K extends string>(slots: Record<K, Slot>) =>
    Object.fromEntries(
      Object.entries<Slot>(slots).map(([k, v]) => [k, { count: v.count, amountCents: roundExact(v.exact) }]),
    ) as Record<K, { count: number; amountCents: number }>;
  return {
    period,
    currency: fx.currency,
    byStatus: cents(byStatus),
    byType: cents(byType),
    earnedCents: total(rewards, (r) => EARNED.has(r.status)).amountCents,
    byMonth: [...months.values()]
      .sort((a, b) => a.month.localeCompare(b.month))
      .map((m) => ({
        month: m.month,
        count: m.count,
        pendingCount: m.pendingCount,
        calculatedCents: roundExact(m.calculated),
        approvedCents: roundExact(m.approved),
        paidCents: roundExact(m.paid),
        cancelledCents: roundExact(m.cancelled),
      })),
    payoutsByMethod: summarisePayouts(rows).byMethod,
    conversion: conversionSummary(fx),
  };
}

type Slot = { count: number; exact: bigint };

export interface PartnerStatistics {
  period: Period;
  currency: string;
  /** All partners (one partner's scope: itself) by current status. */
  total: number;
  byStatus: Record<PartnerStatus, number>;
  /** Partners created in the period. */
  newPartners: number;
  /** Partners with a referral created in the period. */
  referringPartners: number;
  referrals: number;
  conversions: number;
  conversionRateBps: number;
  /** Earned reward amounts (CALCULATED, APPROVED, PAID) of rewards created in the period. */
  earningsCents: number;
  /** Referrals per referring partner, two decimals (0 when none). */
  referralsPerReferringPartner: number;
  /** How amounts in other currencies were converted to `currency`, and which rates were missing. */
  conversion: CurrencyConversion;
}

export async function partnerStatistics(db: DbOrTx, q: AnalyticsQuery = {}): Promise<PartnerStatistics> {
  const period = resolvePeriod(q);
  const scope = q.partnerId ? sql`where id = ${q.partnerId}::uuid` : sql``;
  const fx = await fxContext(db);
  const [counts, rows, referring] = await Promise.all([
    db.execute(sql`select status, count(*) as n,
        count(*) filter (where created_at >= ${utcMidnight(period.from)}::timestamptz and created_at < ${utcMidnight(shiftDay(period.to, 1))}::timestamptz) as new
      from partners ${scope} group by status`),
    readRollups(db, { metrics: ["referrals", "rewards"], period, partnerId: q.partnerId, fx }),
    referringPartners(db, period, q.partnerId),
  ]);
  const byStatus = zeros(PARTNER_STATUSES);
  let newPartners = 0;
  for (const c of rowsOf<{ status: PartnerStatus; n: string | number; new: string | number }>(counts)) {
    byStatus[c.status] = Number(c.n);
    newPartners += Number(c.new);
  }
  const referrals = total(rows, (r) => r.metric === "referrals").count;
  const conversions = total(rows, (r) => r.metric === "referrals" && CONVERTED.has(r.status)).count;
  return {
    period,
    currency: fx.currency,
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    newPartners,
    referringPartners: referring,
    referrals,
    conversions,
    conversionRateBps: rateBps(conversions, referrals),
    earningsCents: total(rows, (r) => r.metric === "rewards" && EARNED.has(r.status)).amountCents,
    referralsPerReferringPartner: referring > 0 ? Math.round((referrals * 100) / referring) / 100 : 0,
    conversion: conversionSummary(fx),
  };
}
