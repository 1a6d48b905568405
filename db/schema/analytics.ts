import { bigint, date, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

/**
 * Daily rollups for dashboards at scale. `metric` is `clicks`, `referrals`, `rewards` or `payouts`;
 * `dim` narrows it (e.g. `WEBSITE:CONVERTED` for referrals by source and current status).
 * Rows of partner-less facts (invalid clicks) use the nil UUID.
 */
export const rollupDaily = pgTable(
  "rollup_daily",
  {
    metric: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    partnerId: uuid().notNull(),
    dim: text().notNull().default(""),
    count: bigint({ mode: "number" }).notNull().default(0),
    amountCents: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.metric, t.day, t.partnerId, t.dim] })],
);

/**
 * Append-only deltas written in the transaction of each change and folded into `rollup_daily`
 * by a job, so lead capture never serialises on one hot rollup row.
 */
export const rollupDeltas = pgTable("rollup_deltas", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  metric: text().notNull(),
  day: date({ mode: "string" }).notNull(),
  partnerId: uuid().notNull(),
  dim: text().notNull().default(""),
  count: bigint({ mode: "number" }).notNull().default(0),
  amountCents: bigint({ mode: "number" }).notNull().default(0),
});
