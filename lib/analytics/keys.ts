/**
 * The rollup keys, as SQL over the raw tables: the same expressions as the triggers in
 * drizzle/0022_analytics_currency_triggers.sql (rebuild and check use these; the triggers feed deltas).
 * Each selects (metric, day, partner_id, dim, currency, c, a) with one row per raw fact; `currency` is
 * the fact's own ('' for clicks, which carry no amount).
 */
export const NIL_PARTNER = "00000000-0000-0000-0000-000000000000";
/** Program-wide totals live under this partner id in `rollup_daily`. */
export const ALL_PARTNERS = "ffffffff-ffff-ffff-ffff-ffffffffffff";

export type RollupMetric = "clicks" | "referrals" | "rewards" | "payouts";

const utcDay = (col: string): string => `((${col}) at time zone 'UTC')::date`;

export const RAW_FACTS: Record<RollupMetric, string> = {
  clicks: `select 'clicks'::text as metric, ${utcDay("created_at")} as day,
      coalesce(partner_id, '${NIL_PARTNER}'::uuid) as partner_id,
      case when valid then 'valid' else 'invalid' end as dim, ''::text as currency, 1::bigint as c, 0::bigint as a
    from referral_clicks`,
  referrals: `select 'referrals'::text, ${utcDay("created_at")}, partner_id,
      source::text || ':' || status::text, currency::text, 1::bigint, coalesce(conversion_value_cents, 0)
    from referrals`,
  rewards: `select 'rewards'::text, ${utcDay("created_at")}, partner_id,
      type::text || ':' || status::text, currency::text, 1::bigint, coalesce(amount_cents, 0)
    from rewards`,
  payouts: `select 'payouts'::text, ${utcDay("coalesce(paid_at, created_at)")}, partner_id,
      coalesce(payment_method::text, 'NONE') || ':' || status::text, currency::text, 1::bigint, amount_cents
    from payouts`,
};

/** Every raw fact of every metric, as (metric, day, partner_id, dim, currency, c, a). */
export const ALL_RAW_FACTS = `(${Object.values(RAW_FACTS).join("\n union all \n")})`;
