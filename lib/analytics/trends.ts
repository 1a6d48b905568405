import type { DbOrTx } from "@/db";
import { conversionSummary, fxContext, roundExact, type CurrencyConversion } from "./fx";
import { shiftDay, resolvePeriod, type AnalyticsQuery, type Interval, type Period } from "./period";
import { CONVERTED, EARNED, readRollups, type RollupRow } from "./source";

export interface TrendPoint {
  /** First day of the bucket (UTC; weeks start on Monday). */
  date: string;
  /** Referrals created in the bucket. */
  referrals: number;
  /** Of those, now CONVERTED or PAID. */
  conversions: number;
  conversionValueCents: number;
  /** Earned reward amounts (CALCULATED, APPROVED, PAID) of rewards created in the bucket. */
  rewardCents: number;
  /** Valid clicks in the bucket. */
  clicks: number;
}

export interface TimeTrends {
  period: Period;
  interval: Interval;
  points: TrendPoint[];
}

/** Bucket starts covering the period, every bucket present (empty ones as zeros). */
export function bucketStarts(period: Period, interval: Interval): string[] {
  const start = (day: string): string => {
    if (interval === "day") return day;
    const d = new Date(`${day}T00:00:00Z`);
    if (interval === "month") return `${day.slice(0, 8)}01`;
    return shiftDay(day, -((d.getUTCDay() + 6) % 7));
  };
  const out: string[] = [];
  for (let day = start(period.from); day <= period.to;) {
    out.push(day);
    if (interval === "day") day = shiftDay(day, 1);
    else if (interval === "week") day = shiftDay(day, 7);
    else {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + 1);
      day = d.toISOString().slice(0, 10);
    }
  }
  return out;
}

/** Points per bucket; each amount is added exactly and rounded once per point (half to even). */
export function trendPoints(rows: readonly RollupRow[], period: Period, interval: Interval): TrendPoint[] {
  const points = new Map(
    bucketStarts(period, interval).map((date) => [
      date,
      { date, referrals: 0, conversions: 0, value: 0n, rewards: 0n, clicks: 0 },
    ]),
  );
  for (const r of rows) {
    const p = points.get(r.bucket!);
    if (!p) continue;
    if (r.metric === "referrals") {
      p.referrals += r.count;
      if (CONVERTED.has(r.status)) {
        p.conversions += r.count;
        p.value += r.amountExact;
      }
    } else if (r.metric === "rewards" && EARNED.has(r.status)) p.rewards += r.amountExact;
    else if (r.metric === "clicks" && r.kind === "valid") p.clicks += r.count;
  }
  return [...points.values()].map(({ value, rewards, ...p }) => ({
    date: p.date,
    referrals: p.referrals,
    conversions: p.conversions,
    conversionValueCents: roundExact(value),
    rewardCents: roundExact(rewards),
    clicks: p.clicks,
  }));
}

/** Referrals, conversions and reward amounts per day, week or month (UTC buckets). */
export async function timeTrends(
  db: DbOrTx,
  q: AnalyticsQuery & { interval?: Interval } = {},
): Promise<TimeTrends & { currency: string; conversion: CurrencyConversion }> {
  const period = resolvePeriod(q);
  const interval = q.interval ?? "day";
  const fx = await fxContext(db);
  const rows = await readRollups(db, {
    metrics: ["clicks", "referrals", "rewards"],
    period,
    partnerId: q.partnerId,
    interval,
    fx,
  });
  return {
    period,
    interval,
    currency: fx.currency,
    points: trendPoints(rows, period, interval),
    conversion: conversionSummary(fx),
  };
}
