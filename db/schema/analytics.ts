import { bigint, date, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

/**
 * Daily rollups for dashboards at scale. `metric` is `clicks`, `referrals`, `rewards` or `payouts`;
 * `dim` narrows it (e.g. `WEBSITE:CONVERTED` for referrals by source and current status).
 * Rows of partner-less facts (invalid clicks) use the nil UUID; program-wide totals are kept under
 * `ALL_PARTNERS` (ffffffff-…) so program dashboards read one row per day and dim, not one per partner.
 * `currency` is the currency of `amount_cents` (the referral's, reward's or payout's own; empty for
 * clicks): amounts are never summed across currencies here, readers convert (docs/domain-rules.md#figures).
 * Fed only through `rollup_deltas` (triggers) and lib/analytics/rollup.ts.
 */
export const rollupDaily = pgTable(
  "rollup_daily",
  {
    metric: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    partnerId: uuid().notNull(),
    dim: text().notNull().default(""),
    currency: text().notNull().default(""),
    count: bigint({ mode: "number" }).notNull().default(0),
    amountCents: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.metric, t.day, t.partnerId, t.dim, t.currency] }),
    // Dashboards read one partner (or ALL_PARTNERS) and one metric over a day range.
    index("rollup_daily_partner_metric_day_idx").on(t.partnerId, t.metric, t.day),
  ],
);

/**
 * Append-only deltas written by statement-level triggers (drizzle/*_rollup_triggers.sql) in the
 * transaction of each change and folded into `rollup_daily` by a job, so lead capture never
 * serialises on one hot rollup row. Readers add the pending deltas to the rollups.
 */
export const rollupDeltas = pgTable("rollup_deltas", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  metric: text().notNull(),
  day: date({ mode: "string" }).notNull(),
  partnerId: uuid().notNull(),
  dim: text().notNull().default(""),
  currency: text().notNull().default(""),
  count: bigint({ mode: "number" }).notNull().default(0),
  amountCents: bigint({ mode: "number" }).notNull().default(0),
});
