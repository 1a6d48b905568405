import { sql } from "drizzle-orm";
import { bigint, char, check, date, index, numeric, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, ref, timestamps } from "./columns";
import { payouts } from "./rewards";

/**
 * Exchange rates (docs/payouts.md#currencies): 1 `base` = `rate` `quote` on `rate_date`, exact decimal text
 * (numeric, at most 10 decimals; never a float). Entered by an admin or imported from the ECB's daily CSV.
 */
export const fxRates = pgTable(
  "fx_rates",
  {
    id: id(),
    rateDate: date({ mode: "string" }).notNull(),
    base: char({ length: 3 }).notNull(),
    quote: char({ length: 3 }).notNull(),
    rate: numeric({ precision: 24, scale: 10 }).notNull(),
    /** `ECB` for the reference-rate import, `ADMIN` for a rate typed in the console or the API. */
    source: text().notNull(),
    createdBy: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("fx_rates_day_pair_key").on(t.base, t.quote, t.rateDate),
    index("fx_rates_date_idx").on(t.rateDate),
    check("fx_rates_positive", sql`${t.rate} > 0`),
    check("fx_rates_distinct_pair", sql`${t.base} <> ${t.quote}`),
  ],
);

/**
 * One row per currency a payout converted from: the rate used (as stored, or derived from stored rates),
 * its date and source, and both totals. `converted_cents` = the original total × rate, rounded half to
 * even once; the payout's amount is the sum of these plus its items already in its currency.
 */
export const payoutConversions = pgTable(
  "payout_conversions",
  {
    payoutId: ref(() => payouts.id),
    fromCurrency: char({ length: 3 }).notNull(),
    toCurrency: char({ length: 3 }).notNull(),
    rate: numeric({ precision: 24, scale: 10 }).notNull(),
    rateDate: date({ mode: "string" }).notNull(),
    rateSource: text().notNull(),
    originalCents: bigint({ mode: "number" }).notNull(),
    convertedCents: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.payoutId, t.fromCurrency] }),
    check("payout_conversions_pair", sql`${t.fromCurrency} <> ${t.toCurrency}`),
  ],
);
