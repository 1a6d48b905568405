import { enumLabel } from "@/lib/enum-label";
import { centsToMajor } from "@/lib/decimal";

/**
 * Formatting at the edge, the one place for it: money from integer minor units, rates from basis
 * points, counts, ratios and enum words. Dates go through <DateTime> (components/ui/date-time.tsx).
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, locale?: string): Intl.NumberFormat {
  const key = `${locale ?? ""}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale ?? "en-US", {
      style: "currency",
      currency: currency.trim().toUpperCase() || "USD",
    });
    moneyFormats.set(key, f);
  }
  return f;
}

/**
 * Integer minor units → "$1,234.50", exactly: the amount reaches Intl.NumberFormat as decimal text
 * built with integer arithmetic (lib/money.ts), never as a float, so any amount formats to the cent.
 * The currency's own number of decimals applies (JPY has none).
 */
export function formatMoney(cents: number | null | undefined, currency = "USD", locale?: string): string {
  if (cents === null || cents === undefined) return "—";
  const f = moneyFormat(currency, locale);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(centsToMajor(cents, digits) as Intl.StringNumericLiteral);
}

/** 1,250 bp → "12.5%". */
export function formatBps(bps: number | null | undefined, locale?: string): string {
  if (bps === null || bps === undefined) return "—";
  return new Intl.NumberFormat(locale ?? "en-US", { style: "percent", maximumFractionDigits: 2 }).format(bps / 10_000);
}

const counts = new Intl.NumberFormat("en-US");
const percents = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** 12345 → "12,345"; null → "—". */
export function formatCount(n: number | null | undefined, locale?: string): string {
  if (n === null || n === undefined) return "—";
  return (locale ? new Intl.NumberFormat(locale) : counts).format(n);
}

/** A ratio (0.125) → "12.5%"; null (nothing to divide by) → "—". */
export const formatPercent = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? "—" : percents.format(ratio);

/** An enum value in words ("BANK_TRANSFER" → "Bank transfer"); null → "—". */
export const humanize = (s: string | null | undefined) => (s ? enumLabel(s) : "—");
