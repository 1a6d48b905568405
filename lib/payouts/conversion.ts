import { convertMinor, MAX_RATE_AGE_DAYS } from "@/lib/fx/math";
import type { ResolvedRate } from "@/lib/fx/rates";

/** One currency a payout converts from: the rate used, its day and source, and both totals. */
export interface PayoutConversion {
  fromCurrency: string;
  toCurrency: string;
  rate: string;
  rateDate: string;
  rateSource: string;
  originalCents: number;
  convertedCents: number;
}

export type ConvertedPayout =
  | { ok: true; amountCents: number; conversions: PayoutConversion[] }
  | { ok: false; reason: string; missingPairs: string[] };

export const missingRateReason = (pairs: string[], day: string) =>
  `No exchange rate for ${pairs.join(", ")} on ${day} or the ${MAX_RATE_AGE_DAYS} days before: enter or import one (Payouts → Exchange rates)`;

/**
 * A payout's amount in `payoutCurrency` from its rewards (docs/payouts.md#currencies): rewards already in
 * that currency count as they are; each other currency is totalled first and converted once, at its rate,
 * rounded half to even. A currency without a rate blocks the whole payout, naming the pair.
 */
export function convertPayout(
  items: readonly { currency: string; amountCents: number }[],
  payoutCurrency: string,
  day: string,
  rateFor: (from: string) => ResolvedRate | null,
): ConvertedPayout {
  const totals = new Map<string, number>();
  for (const i of items) totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.amountCents);
  let amountCents = 0;
  const conversions: PayoutConversion[] = [];
  const missingPairs: string[] = [];
  for (const [currency, total] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    if (currency === payoutCurrency) {
      amountCents += total;
      continue;
    }
    const r = rateFor(currency);
    if (!r) {
      missingPairs.push(`${currency}→${payoutCurrency}`);
      continue;
    }
    const convertedCents = convertMinor(total, r.rate, currency, payoutCurrency);
    amountCents += convertedCents;
    conversions.push({
      fromCurrency: currency,
      toCurrency: payoutCurrency,
      rate: r.rateText,
      rateDate: r.date,
      rateSource: r.source,
      originalCents: total,
      convertedCents,
    });
  }
  if (missingPairs.length) return { ok: false, reason: missingRateReason(missingPairs, day), missingPairs };
  return { ok: true, amountCents, conversions };
}
