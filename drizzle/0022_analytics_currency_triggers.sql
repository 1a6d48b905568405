-- The rollups get a currency dimension (docs/domain-rules.md#figures): the referral's, reward's or
-- payout's own currency, so readers convert each (day, currency) amount to the program currency instead
-- of adding euros to dollars. The functions of 0002_rollup_triggers.sql are replaced with the same keys
-- plus `currency` (clicks carry no amount and keep ''); lib/analytics/keys.ts holds the same expressions.
-- Then the rollups are rebuilt from the source tables, whose rows carry their currency: the rows folded
-- so far have none. Writers wait for the rebuild (SHARE locks), so no delta is counted twice or lost.
LOCK TABLE referral_clicks, referrals, rewards, payouts IN SHARE MODE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_referrals_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'referrals', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.source::text || ':' || n.status::text AS dim, n.currency::text AS currency, 1 AS c, coalesce(n.conversion_value_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim, currency;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'referrals', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.source::text || ':' || o.status::text AS dim, o.currency::text AS currency, -1 AS c, -coalesce(o.conversion_value_cents, 0) AS a
    FROM old_rows o
    ) k GROUP BY day, partner_id, dim, currency;
  ELSE
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'referrals', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.source::text || ':' || o.status::text AS dim, o.currency::text AS currency, -1 AS c, -coalesce(o.conversion_value_cents, 0) AS a
    FROM old_rows o
    UNION ALL
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.source::text || ':' || n.status::text AS dim, n.currency::text AS currency, 1 AS c, coalesce(n.conversion_value_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim, currency HAVING sum(c) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_rewards_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'rewards', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.type::text || ':' || n.status::text AS dim, n.currency::text AS currency, 1 AS c, coalesce(n.amount_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim, currency;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'rewards', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.type::text || ':' || o.status::text AS dim, o.currency::text AS currency, -1 AS c, -coalesce(o.amount_cents, 0) AS a
    FROM old_rows o
    ) k GROUP BY day, partner_id, dim, currency;
  ELSE
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'rewards', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.type::text || ':' || o.status::text AS dim, o.currency::text AS currency, -1 AS c, -coalesce(o.amount_cents, 0) AS a
    FROM old_rows o
    UNION ALL
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.type::text || ':' || n.status::text AS dim, n.currency::text AS currency, 1 AS c, coalesce(n.amount_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim, currency HAVING sum(c) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rollup_payouts_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'payouts', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (coalesce(n.paid_at, n.created_at) AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           coalesce(n.payment_method::text, 'NONE') || ':' || n.status::text AS dim, n.currency::text AS currency, 1 AS c, n.amount_cents AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim, currency;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'payouts', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (coalesce(o.paid_at, o.created_at) AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           coalesce(o.payment_method::text, 'NONE') || ':' || o.status::text AS dim, o.currency::text AS currency, -1 AS c, -o.amount_cents AS a
    FROM old_rows o
    ) k GROUP BY day, partner_id, dim, currency;
  ELSE
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, currency, count, amount_cents)
    SELECT 'payouts', day, partner_id, dim, currency, sum(c), sum(a) FROM (
    SELECT (coalesce(o.paid_at, o.created_at) AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           coalesce(o.payment_method::text, 'NONE') || ':' || o.status::text AS dim, o.currency::text AS currency, -1 AS c, -o.amount_cents AS a
    FROM old_rows o
    UNION ALL
    SELECT (coalesce(n.paid_at, n.created_at) AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           coalesce(n.payment_method::text, 'NONE') || ':' || n.status::text AS dim, n.currency::text AS currency, 1 AS c, n.amount_cents AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim, currency HAVING sum(c) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DELETE FROM rollup_deltas;
--> statement-breakpoint
DELETE FROM rollup_daily;
--> statement-breakpoint
INSERT INTO rollup_daily (metric, day, partner_id, dim, currency, count, amount_cents)
SELECT metric, day, coalesce(partner_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid), dim, currency, sum(c)::bigint, sum(a)::bigint
FROM (
  SELECT 'clicks'::text AS metric, (created_at AT TIME ZONE 'UTC')::date AS day,
         coalesce(partner_id, '00000000-0000-0000-0000-000000000000'::uuid) AS partner_id,
         CASE WHEN valid THEN 'valid' ELSE 'invalid' END AS dim, ''::text AS currency, 1::bigint AS c, 0::bigint AS a
  FROM referral_clicks
  UNION ALL
  SELECT 'referrals', (created_at AT TIME ZONE 'UTC')::date, partner_id, source::text || ':' || status::text,
         currency::text, 1, coalesce(conversion_value_cents, 0)
  FROM referrals
  UNION ALL
  SELECT 'rewards', (created_at AT TIME ZONE 'UTC')::date, partner_id, type::text || ':' || status::text,
         currency::text, 1, coalesce(amount_cents, 0)
  FROM rewards
  UNION ALL
  SELECT 'payouts', (coalesce(paid_at, created_at) AT TIME ZONE 'UTC')::date, partner_id,
         coalesce(payment_method::text, 'NONE') || ':' || status::text, currency::text, 1, amount_cents
  FROM payouts
) f
GROUP BY GROUPING SETS ((metric, day, partner_id, dim, currency), (metric, day, dim, currency));
--> statement-breakpoint
ANALYZE rollup_daily;
