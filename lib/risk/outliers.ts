import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { getSettings } from "@/lib/settings";
import { riskRules } from "./rules";
import { storeSignals } from "./signals";

export const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The robust spread: 1.4826 × MAD (the median absolute deviation, scaled to a standard deviation); when
 * more than half the partners sit on the median (MAD = 0), 1.2533 × the mean absolute deviation instead.
 */
export function robustScale(xs: number[], med: number): number {
  const dev = xs.map((x) => Math.abs(x - med));
  const mad = median(dev);
  if (mad > 0) return 1.4826 * mad;
  return dev.length ? (1.2533 * dev.reduce((a, b) => a + b, 0)) / dev.length : 0;
}

type Row = { partner_id: string; referrals: number; converted: number; avg_value: number | null };

/**
 * The partner-outlier job: over the trailing window, each partner with enough referrals is compared with
 * the program on conversion rate and on average conversion value; more than `outlierMadFactor` robust
 * spreads above the median opens a partner-level PARTNER_OUTLIER signal (one open per partner and metric).
 */
export async function flagPartnerOutliers(db: DbOrTx, now: Date): Promise<{ compared: number; flagged: number }> {
  const rules = riskRules((await getSettings(db)).riskRules);
  const since = new Date(now.getTime() - rules.outlierDays * 86_400_000);
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select partner_id, count(*)::int as referrals,
        count(*) filter (where status in ('CONVERTED','PAID'))::int as converted,
        avg(conversion_value_cents) filter (where status in ('CONVERTED','PAID'))::float8 as avg_value
      from referrals
      where created_at >= ${since.toISOString()}::timestamptz and created_at <= ${now.toISOString()}::timestamptz
        and status <> 'REJECTED'
      group by partner_id
      having count(*) >= ${rules.outlierMinReferrals}`),
  );
  if (rows.length < 3) return { compared: rows.length, flagged: 0 };
  const metrics: { metric: string; of: (r: Row) => number | null }[] = [
    { metric: "conversionRate", of: (r) => r.converted / r.referrals },
    { metric: "averageConversionValueCents", of: (r) => (r.avg_value === null ? null : Number(r.avg_value)) },
  ];
  let flagged = 0;
  for (const { metric, of } of metrics) {
    const values = rows.map((r) => ({ r, x: of(r) })).filter((v): v is { r: Row; x: number } => v.x !== null);
    if (values.length < 3) continue;
    const xs = values.map((v) => v.x);
    const med = median(xs);
    const scale = robustScale(xs, med);
    if (scale === 0) continue;
    for (const { r, x } of values) {
      const z = (x - med) / scale;
      if (z <= rules.outlierMadFactor) continue;
      const open = rowsOf<{ n: number }>(
        await db.execute(sql`
          select 1 as n from risk_signals where partner_id = ${r.partner_id} and referral_id is null
            and status = 'OPEN' and kind = 'PARTNER_OUTLIER' and evidence->>'metric' = ${metric} limit 1`),
      );
      if (open.length) continue;
      await storeSignals(
        db,
        { referralId: null, partnerId: r.partner_id },
        [
          {
            kind: "PARTNER_OUTLIER",
            evidence: {
              metric,
              value: Math.round(x * 10_000) / 10_000,
              programMedian: Math.round(med * 10_000) / 10_000,
              robustScale: Math.round(scale * 10_000) / 10_000,
              score: Math.round(z * 100) / 100,
              referrals: r.referrals,
              converted: r.converted,
              days: rules.outlierDays,
            },
          },
        ],
        rules.holdThreshold,
        rules,
        now,
      );
      flagged++;
    }
  }
  return { compared: rows.length, flagged };
}
