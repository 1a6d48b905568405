import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { EXACT_DEN, loadRates, roundDecimalText, roundExact, sqlFactor, toExact, type FxContext } from "./fx";
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
  /**
   * The same amount exactly, in 1 / EXACT_DEN minor units: read with `fx`, converted to the program
   * currency at each day's rate (lib/analytics/fx.ts). Figures add these and round once (`total`).
   */
  amountExact: bigint;
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
  /**
   * Convert every amount to the program currency at its day's rate (docs/domain-rules.md#figures). Without
   * it amounts are added as stored, whatever their currency (one partner's own balances: one currency).
   */
  fx?: FxContext;
}

/** (metric, day, partner_id, dim, currency, count, amount_cents) of the wanted rows, rollups and pending deltas. */
function facts(o: ReadOptions): SQL {
  const metrics = sql.join(
    o.metrics.map((m) => sql`${m}`),
    sql`, `,
  );
  const range = sql`metric in (${metrics}) and day between ${o.period.from}::date and ${o.period.to}::date`;
  if (o.partnerId) {
    return sql`(select metric, day, partner_id, dim, currency, count, amount_cents from rollup_daily where partner_id = ${o.partnerId}::uuid and ${range}
      union all
      select metric, day, partner_id, dim, currency, count, amount_cents from rollup_deltas where partner_id = ${o.partnerId}::uuid and ${range})`;
  }
  if (o.byPartner) {
    return sql`(select metric, day, partner_id, dim, currency, count, amount_cents from rollup_daily
        where ${range} and partner_id not in (${ALL_PARTNERS}::uuid, ${NIL_PARTNER}::uuid)
      union all
      select metric, day, partner_id, dim, currency, count, amount_cents from rollup_deltas where ${range} and partner_id <> ${NIL_PARTNER}::uuid)`;
  }
  return sql`(select metric, day, partner_id, dim, currency, count, amount_cents from rollup_daily where partner_id = ${ALL_PARTNERS}::uuid and ${range}
    union all
    select metric, day, partner_id, dim, currency, count, amount_cents from rollup_deltas where ${range})`;
}

const BUCKET: Record<Interval, SQL> = {
  day: sql`day`,
  week: sql`date_trunc('week', day)::date`,
  month: sql`date_trunc('month', day)::date`,
};

export async function readRollups(db: DbOrTx, o: ReadOptions): Promise<RollupRow[]> {
  const bucket = o.interval ? sql`to_char(${BUCKET[o.interval]}, 'YYYY-MM-DD')` : sql`null::text`;
  const partner = o.byPartner && !o.partnerId ? sql`partner_id::text` : sql`null::text`;
  // Converting: amounts in another currency than the program's stay apart per currency and day (each day
  // has its rate); the program currency's are added up as before.
  const fxKeys = o.fx
    ? sql`currency, case when currency in ('', ${o.fx.currency}) then null else to_char(day, 'YYYY-MM-DD') end`
    : sql`'', null::text`;
  const rows = rowsOf<{
    metric: RollupMetric;
    bucket: string | null;
    partner_id: string | null;
    dim: string;
    currency: string;
    fx_day: string | null;
    count: string | number;
    amount: string | number;
  }>(
    await db.execute(sql`
      select metric, ${bucket} as bucket, ${partner} as partner_id, dim, ${fxKeys} as fx_day,
        sum(count) as count, sum(amount_cents) as amount
      from ${facts(o)} f
      group by 1, 2, 3, 4, 5, 6
      having sum(count) <> 0 or sum(amount_cents) <> 0`),
  );
  const fx = o.fx;
  if (fx)
    await loadRates(
      db,
      fx,
      rows.flatMap((r) => (r.fx_day ? [{ currency: r.currency, day: r.fx_day }] : [])),
    );
  const merged = new Map<string, RollupRow>();
  for (const r of rows) {
    const amount = Number(r.amount);
    const exact = fx ? (toExact(fx, amount, r.currency, r.fx_day) ?? 0n) : BigInt(amount) * EXACT_DEN;
    const k = `${r.metric}|${r.bucket}|${r.partner_id}|${r.dim}`;
    const m = merged.get(k);
    if (m) {
      m.count += Number(r.count);
      m.amountExact += exact;
      continue;
    }
    const [kind, status = ""] = r.dim.split(":");
    merged.set(k, {
      metric: r.metric,
      bucket: r.bucket,
      partnerId: r.partner_id,
      kind,
      status,
      count: Number(r.count),
      amountCents: 0,
      amountExact: exact,
    });
  }
  const out = [...merged.values()].filter((r) => r.count !== 0 || r.amountExact !== 0n);
  for (const r of out) r.amountCents = roundExact(r.amountExact);
  return out;
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
/** Per-partner sums; `amount` is each fact's amount in the program currency (exact numeric, null when its rate is missing). */
const partnerSums = (amount: SQL) => sql`
  coalesce(sum(count) filter (where metric = 'referrals'), 0) as referrals,
  coalesce(sum(count) filter (where metric = 'referrals' and ${STATUS} in ('CONVERTED', 'PAID')), 0) as conversions,
  coalesce(sum(${amount}) filter (where metric = 'referrals' and ${STATUS} in ('CONVERTED', 'PAID')), 0) as value,
  coalesce(sum(${amount}) filter (where metric = 'rewards' and ${STATUS} in ('CALCULATED', 'APPROVED', 'PAID')), 0) as earnings`;

/**
 * The conversion factors of the period's (currency, day) pairs as an SQL relation (currency, day, factor):
 * `amount_cents * factor` is the exact program-currency amount (lib/analytics/fx.ts sqlFactor). Pairs
 * without a rate are left out (and reported through `fx`).
 */
async function factorTable(db: DbOrTx, period: Period, fx: FxContext): Promise<SQL> {
  const needs = rowsOf<{ currency: string; day: string }>(
    await db.execute(sql`
      select distinct currency, to_char(day, 'YYYY-MM-DD') as day
      from ${facts({ metrics: ["referrals", "rewards"], period })} f
      where currency not in ('', ${fx.currency})`),
  );
  await loadRates(db, fx, needs);
  const values = needs.flatMap((n) => {
    const factor = sqlFactor(fx, n.currency, n.day);
    return factor === null ? [] : [sql`(${n.currency}::text, ${n.day}::date, ${factor}::numeric)`];
  });
  return values.length
    ? sql`(values ${sql.join(values, sql`, `)})`
    : sql`(select null::text, null::date, null::numeric where false)`;
}

/**
 * The best `limit` partners of the period by `order` (an SQL expression over referrals,
 * conversions, value, earnings), ties to more conversions, then more referrals, then id; and, from
 * the same scan, how many partners referred at all in the period. Amounts are converted to the program
 * currency at each day's rate, exactly, and rounded half to even once per partner and figure.
 */
export async function rankPartners(
  db: DbOrTx,
  period: Period,
  order: SQL,
  limit: number,
  minReferrals: number,
  fx: FxContext,
): Promise<{ partners: PartnerTotals[]; referringPartners: number }> {
  const factors = await factorTable(db, period, fx);
  const amount = sql`case when f.currency in ('', ${fx.currency}) then f.amount_cents::numeric else f.amount_cents * r.factor end`;
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
        select f.partner_id::text, ${partnerSums(amount)}
        from ${facts({ metrics: ["referrals", "rewards"], period, byPartner: true })} f
        left join ${factors} r(currency, day, factor) on r.currency = f.currency and r.day = f.day
        group by f.partner_id
      )
      select c.referring, t.partner_id, t.referrals, t.conversions, t.value::text, t.earnings::text
      from (select count(*) filter (where referrals > 0) as referring from p) c
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
        conversionValueCents: roundDecimalText(String(r.value)),
        earningsCents: roundDecimalText(String(r.earnings)),
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

/** Sums of count and amount over the rows that match; the amount rounded once, half to even. */
export function total(
  rows: readonly RollupRow[],
  where: (r: RollupRow) => boolean,
): { count: number; amountCents: number } {
  let count = 0;
  let exact = 0n;
  for (const r of rows) {
    if (!where(r)) continue;
    count += r.count;
    exact += r.amountExact;
  }
  return { count, amountCents: roundExact(exact) };
}

/** Referral statuses that count as converted (CONVERTED or PAID; docs/domain-rules.md#figures). */
export const CONVERTED = new Set(["CONVERTED", "PAID"]);
/** Statuses a referral reaches after acceptance. */
export const ACCEPTED_OR_LATER = new Set(["ACCEPTED", "CONVERTED", "PAID"]);
/** Reward statuses with an earned amount: calculated, approved, paid (not pending nor cancelled). */
export const EARNED = new Set(["CALCULATED", "APPROVED", "PAID"]);

/** Conversion rate in basis points (0 when nothing was referred). */
export const rateBps = (part: number, whole: number): number => (whole > 0 ? Math.round((part * 10_000) / whole) : 0);
