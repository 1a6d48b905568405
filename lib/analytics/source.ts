import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { ALL_PARTNERS, NIL_PARTNER, type RollupMetric } from "./keys";
import type { Interval, Period } from "./period";

/**
 * Reads the rollups: rollup_daily plus the deltas not folded yet, in one statement (one snapshot),
 * so figures are exact whether or not the fold job has run.
 */

export interface RollupRow {
  metric: RollupMetric;
  /** First day of the bucket (`YYYY-MM-DD`) when grouped by interval, else null. */
  bucket: string | null;
  /** The partner when grouped by partner, else null. */
  partnerId: string | null;
  /** First part of the dim: source (referrals), type (rewards), method (payouts), valid|invalid (clicks). */
  kind: string;
  /** Second part of the dim: the current status (empty for clicks). */
  status: string;
  count: number;
  amountCents: number;
}

export interface ReadOptions {
  metrics: readonly RollupMetric[];
  period: Period;
  /** One partner's figures; program-wide when absent. */
  partnerId?: string;
  /** Group by day / ISO week (Monday) / month bucket. */
  interval?: Interval;
  /** Group by partner (program-wide only): reads the per-partner rows. */
  byPartner?: boolean;
}

/** (metric, day, partner_id, dim, count, amount_cents) of the wanted rows, rollups and pending deltas. */
function facts(o: ReadOptions): SQL {
  const metrics = sql.join(
    o.metrics.map((m) => sql`${m}`),
    sql`, `,
  );
  const range = sql`metric in (${metrics}) and day between ${o.period.from}::date and ${o.period.to}::date`;
  if (o.partnerId) {
    return sql`(select metric, day, partner_id, dim, count, amount_cents from rollup_daily where partner_id = ${o.partnerId}::uuid and ${range}
      union all
      select metric, day, partner_id, dim, count, amount_cents from rollup_deltas where partner_id = ${o.partnerId}::uuid and ${range})`;
  }
  if (o.byPartner) {
    return sql`(select metric, day, partner_id, dim, count, amount_cents from rollup_daily
        where ${range} and partner_id not in (${ALL_PARTNERS}::uuid, ${NIL_PARTNER}::uuid)
      union all
      select metric, day, partner_id, dim, count, amount_cents from rollup_deltas where ${range} and partner_id <> ${NIL_PARTNER}::uuid)`;
  }
  return sql`(select metric, day, partner_id, dim, count, amount_cents from rollup_daily where partner_id = ${ALL_PARTNERS}::uuid and ${range}
    union all
    select metric, day, partner_id, dim, count, amount_cents from rollup_deltas where ${range})`;
}

const BUCKET: Record<Interval, SQL> = {
  day: sql`day`,
  week: sql`date_trunc('week', day)::date`,
  month: sql`date_trunc('month', day)::date`,
};

export async function readRollups(db: DbOrTx, o: ReadOptions): Promise<RollupRow[]> {
  const bucket = o.interval ? sql`to_char(${BUCKET[o.interval]}, 'YYYY-MM-DD')` : sql`null::text`;
  const partner = o.byPartner && !o.partnerId ? sql`partner_id::text` : sql`null::text`;
  const rows = rowsOf<{
    metric: RollupMetric;
    bucket: string | null;
    partner_id: string | null;
    dim: string;
    count: string | number;
    amount: string | number;
  }>(
    await db.execute(sql`
      select metric, ${bucket} as bucket, ${partner} as partner_id, dim, sum(count) as count, sum(amount_cents) as amount
      from ${facts(o)} f
      group by 1, 2, 3, 4
      having sum(count) <> 0 or sum(amount_cents) <> 0`),
  );
  return rows.map((r) => {
    const [kind, status = ""] = r.dim.split(":");
    return {
      metric: r.metric,
      bucket: r.bucket,
      partnerId: r.partner_id,
      kind,
      status,
      count: Number(r.count),
      amountCents: Number(r.amount),
    };
  });
}

/** Per-partner totals over the period, aggregated in SQL (one row per partner, not per dim). */
export interface PartnerTotals {
  partnerId: string;
  referrals: number;
  conversions: number;
  conversionValueCents: number;
  earningsCents: number;
}

const STATUS = sql`split_part(dim, ':', 2)`;
const PARTNER_SUMS = sql`
  coalesce(sum(count) filter (where metric = 'referrals'), 0) as referrals,
  coalesce(sum(count) filter (where metric = 'referrals' and ${STATUS} in ('CONVERTED', 'PAID')), 0) as conversions,
  coalesce(sum(amount_cents) filter (where metric = 'referrals' and ${STATUS} in ('CONVERTED', 'PAID')), 0) as value,
  coalesce(sum(amount_cents) filter (where metric = 'rewards' and ${STATUS} in ('CALCULATED', 'APPROVED', 'PAID')), 0) as earnings`;

/**
 * The best `limit` partners of the period by `order` (an SQL expression over referrals,
 * conversions, value, earnings), ties to more conversions, then more referrals, then id; and, from
 * the same scan, how many partners referred at all in the period.
 */
export async function rankPartners(
  db: DbOrTx,
  period: Period,
  order: SQL,
  limit: number,
  minReferrals: number,
): Promise<{ partners: PartnerTotals[]; referringPartners: number }> {
  const rows = rowsOf<{
    referring: string | number;
    partner_id: string | null;
    referrals: string;
    conversions: string;
    value: string;
    earnings: string;
  }>(
    await db.execute(sql`
      with p as materialized (
        select partner_id::text, ${PARTNER_SUMS}
        from ${facts({ metrics: ["referrals", "rewards"], period, byPartner: true })} f
        group by partner_id
      )
      select c.referring, t.* from (select count(*) filter (where referrals > 0) as referring from p) c
      left join lateral (
        select * from p where referrals >= ${minReferrals} and ${order} > 0
        order by ${order} desc, conversions desc, referrals desc, partner_id
        limit ${limit}
      ) t on true`),
  );
  return {
    referringPartners: Number(rows[0]?.referring ?? 0),
    partners: rows
      .filter((r) => r.partner_id !== null)
      .map((r) => ({
        partnerId: r.partner_id!,
        referrals: Number(r.referrals),
        conversions: Number(r.conversions),
        conversionValueCents: Number(r.value),
        earningsCents: Number(r.earnings),
      })),
  };
}

/** Partners with at least one referral created in the period. */
export async function countReferringPartners(db: DbOrTx, period: Period): Promise<number> {
  const [r] = rowsOf<{ n: string | number }>(
    await db.execute(sql`
      select count(*) as n from (
        select partner_id from ${facts({ metrics: ["referrals"], period, byPartner: true })} f
        group by partner_id having sum(count) > 0
      ) p`),
  );
  return Number(r?.n ?? 0);
}

/** Sums of count and amount over the rows that match. */
export function total(
  rows: readonly RollupRow[],
  where: (r: RollupRow) => boolean,
): { count: number; amountCents: number } {
  let count = 0;
  let amountCents = 0;
  for (const r of rows) {
    if (!where(r)) continue;
    count += r.count;
    amountCents += r.amountCents;
  }
  return { count, amountCents };
}

/** Referral statuses that count as converted (CONVERTED or PAID; docs/domain-rules.md#figures). */
export const CONVERTED = new Set(["CONVERTED", "PAID"]);
/** Statuses a referral reaches after acceptance. */
export const ACCEPTED_OR_LATER = new Set(["ACCEPTED", "CONVERTED", "PAID"]);
/** Reward statuses with an earned amount: calculated, approved, paid (not pending nor cancelled). */
export const EARNED = new Set(["CALCULATED", "APPROVED", "PAID"]);

/** Conversion rate in basis points (0 when nothing was referred). */
export const rateBps = (part: number, whole: number): number => (whole > 0 ? Math.round((part * 10_000) / whole) : 0);
