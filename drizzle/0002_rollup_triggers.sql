-- Rollup deltas, fed by statement-level triggers with transition tables: one INSERT … SELECT per
-- statement whatever its row count (bulk approval of 10,000 rewards writes a handful of delta rows),
-- and no engine code has to remember them. An UPDATE nets old keys (-) against new keys (+), so a
-- status change moves a count and its amount from the old status to the new, and updates of other
-- columns write nothing. Keys (days in UTC):
--   clicks    : created day, partner (nil UUID when none), dim 'valid' | 'invalid'
--   referrals : created day, partner, dim 'SOURCE:STATUS', amount = conversion value
--   rewards   : created day, partner, dim 'TYPE:STATUS',   amount = reward amount
--   payouts   : paid day (created day until paid), partner, dim 'METHOD:STATUS' (method 'NONE' when unset)
-- lib/analytics/keys.ts holds the same key expressions for rebuild and check; keep them in step.
CREATE FUNCTION rollup_clicks_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'clicks', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(n.partner_id, '00000000-0000-0000-0000-000000000000') AS partner_id,
           CASE WHEN n.valid THEN 'valid' ELSE 'invalid' END AS dim, 1 AS c, 0 AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'clicks', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(o.partner_id, '00000000-0000-0000-0000-000000000000') AS partner_id,
           CASE WHEN o.valid THEN 'valid' ELSE 'invalid' END AS dim, -1 AS c, -0 AS a
    FROM old_rows o
    ) k GROUP BY day, partner_id, dim;
  ELSE
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'clicks', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(o.partner_id, '00000000-0000-0000-0000-000000000000') AS partner_id,
           CASE WHEN o.valid THEN 'valid' ELSE 'invalid' END AS dim, -1 AS c, -0 AS a
    FROM old_rows o
    UNION ALL
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(n.partner_id, '00000000-0000-0000-0000-000000000000') AS partner_id,
           CASE WHEN n.valid THEN 'valid' ELSE 'invalid' END AS dim, 1 AS c, 0 AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim HAVING sum(c) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER referral_clicks_rollup_ins AFTER INSERT ON referral_clicks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_clicks_delta();
--> statement-breakpoint
CREATE TRIGGER referral_clicks_rollup_upd AFTER UPDATE ON referral_clicks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_clicks_delta();
--> statement-breakpoint
CREATE TRIGGER referral_clicks_rollup_del AFTER DELETE ON referral_clicks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_clicks_delta();
--> statement-breakpoint
CREATE FUNCTION rollup_referrals_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'referrals', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.source::text || ':' || n.status::text AS dim, 1 AS c, coalesce(n.conversion_value_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'referrals', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.source::text || ':' || o.status::text AS dim, -1 AS c, -coalesce(o.conversion_value_cents, 0) AS a
    FROM old_rows o
    ) k GROUP BY day, partner_id, dim;
  ELSE
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'referrals', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.source::text || ':' || o.status::text AS dim, -1 AS c, -coalesce(o.conversion_value_cents, 0) AS a
    FROM old_rows o
    UNION ALL
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.source::text || ':' || n.status::text AS dim, 1 AS c, coalesce(n.conversion_value_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim HAVING sum(c) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER referrals_rollup_ins AFTER INSERT ON referrals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_referrals_delta();
--> statement-breakpoint
CREATE TRIGGER referrals_rollup_upd AFTER UPDATE ON referrals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_referrals_delta();
--> statement-breakpoint
CREATE TRIGGER referrals_rollup_del AFTER DELETE ON referrals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_referrals_delta();
--> statement-breakpoint
CREATE FUNCTION rollup_rewards_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'rewards', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.type::text || ':' || n.status::text AS dim, 1 AS c, coalesce(n.amount_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'rewards', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.type::text || ':' || o.status::text AS dim, -1 AS c, -coalesce(o.amount_cents, 0) AS a
    FROM old_rows o
    ) k GROUP BY day, partner_id, dim;
  ELSE
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'rewards', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           o.type::text || ':' || o.status::text AS dim, -1 AS c, -coalesce(o.amount_cents, 0) AS a
    FROM old_rows o
    UNION ALL
    SELECT (n.created_at AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           n.type::text || ':' || n.status::text AS dim, 1 AS c, coalesce(n.amount_cents, 0) AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim HAVING sum(c) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rewards_rollup_ins AFTER INSERT ON rewards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_rewards_delta();
--> statement-breakpoint
CREATE TRIGGER rewards_rollup_upd AFTER UPDATE ON rewards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_rewards_delta();
--> statement-breakpoint
CREATE TRIGGER rewards_rollup_del AFTER DELETE ON rewards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_rewards_delta();
--> statement-breakpoint
CREATE FUNCTION rollup_payouts_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'payouts', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (coalesce(n.paid_at, n.created_at) AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           coalesce(n.payment_method::text, 'NONE') || ':' || n.status::text AS dim, 1 AS c, n.amount_cents AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'payouts', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (coalesce(o.paid_at, o.created_at) AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           coalesce(o.payment_method::text, 'NONE') || ':' || o.status::text AS dim, -1 AS c, -o.amount_cents AS a
    FROM old_rows o
    ) k GROUP BY day, partner_id, dim;
  ELSE
    INSERT INTO rollup_deltas (metric, day, partner_id, dim, count, amount_cents)
    SELECT 'payouts', day, partner_id, dim, sum(c), sum(a) FROM (
    SELECT (coalesce(o.paid_at, o.created_at) AT TIME ZONE 'UTC')::date AS day, o.partner_id AS partner_id,
           coalesce(o.payment_method::text, 'NONE') || ':' || o.status::text AS dim, -1 AS c, -o.amount_cents AS a
    FROM old_rows o
    UNION ALL
    SELECT (coalesce(n.paid_at, n.created_at) AT TIME ZONE 'UTC')::date AS day, n.partner_id AS partner_id,
           coalesce(n.payment_method::text, 'NONE') || ':' || n.status::text AS dim, 1 AS c, n.amount_cents AS a
    FROM new_rows n
    ) k GROUP BY day, partner_id, dim HAVING sum(c) <> 0 OR sum(a) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER payouts_rollup_ins AFTER INSERT ON payouts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_payouts_delta();
--> statement-breakpoint
CREATE TRIGGER payouts_rollup_upd AFTER UPDATE ON payouts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_payouts_delta();
--> statement-breakpoint
CREATE TRIGGER payouts_rollup_del AFTER DELETE ON payouts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_payouts_delta();
--> statement-breakpoint
-- Median time to convert reads converted referrals by creation time (program-wide or one partner)
-- without touching the heap.
CREATE INDEX referrals_converted_created_idx ON referrals (created_at) INCLUDE (converted_at) WHERE converted_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX referrals_converted_partner_idx ON referrals (partner_id, created_at) INCLUDE (converted_at) WHERE converted_at IS NOT NULL;
