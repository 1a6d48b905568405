-- The program's default plan, from settings.default_commission_rate_bps (1000 on a fresh database, whose
-- settings row is written after the migrations): one rule paying that rate on every conversion, in force
-- since before any reward.
WITH s AS (
  SELECT coalesce((SELECT default_commission_rate_bps FROM settings WHERE id = 1), 1000) AS rate,
         coalesce((SELECT default_currency FROM settings WHERE id = 1), 'USD') AS currency
), p AS (
  INSERT INTO commission_plans (name, currency, is_default)
  SELECT 'Default plan', currency, true FROM s
  RETURNING id, currency
)
INSERT INTO commission_plan_versions (plan_id, version, document, effective_from, created_by)
SELECT p.id, 1,
  jsonb_build_object(
    'name', 'Default plan',
    'currency', p.currency,
    'rules', jsonb_build_array(jsonb_build_object('id', 'default', 'name', 'Every conversion', 'event', 'CONVERSION', 'rateBps', s.rate))
  ),
  '2000-01-01T00:00:00Z'::timestamptz, 'migration'
FROM p, s;
--> statement-breakpoint
-- A partner's rate becomes an explicit override only where it differs from the default plan's rate;
-- equal rates follow the plan, so every partner's next reward is what it would have been.
UPDATE partners SET commission_rate_bps = NULL
WHERE commission_rate_bps = coalesce((SELECT default_commission_rate_bps FROM settings WHERE id = 1), 1000);
