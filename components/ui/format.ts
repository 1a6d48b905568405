/** Formatting at the edge: money from integer cents, rates from basis points, counts. */

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

/** Integer minor units → "$1,234.50" (the currency's own number of decimals: JPY has none). */
export function formatMoney(cents: number | null | undefined, currency = "USD", locale?: string): string {
  if (cents === null || cents === undefined) return "—";
  const f = moneyFormat(currency, locale);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  // An exact decimal string from integer arithmetic: no float ever touches the amount.
  const scale = 10 ** digits;
  const abs = Math.abs(cents);
  const decimal = digits ? `${Math.trunc(abs / scale)}.${String(abs % scale).padStart(digits, "0")}` : String(abs);
  return f.format(`${cents < 0 ? "-" : ""}${decimal}` as Intl.StringNumericLiteral);
}

/** 1,250 bp → "12.5%". */
export function formatBps(bps: number | null | undefined, locale?: string): string {
  if (bps === null || bps === undefined) return "—";
  return new Intl.NumberFormat(locale ?? "en-US", { style: "percent", maximumFractionDigits: 2 }).format(bps / 10_000);
}

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale ?? "en-US").format(n);
}

/** Integer cents → exact decimal text ("1234.05", "-0.50") for CSV files and inputs. */
export function centsToDecimal(cents: number, digits = 2): string {
  const abs = Math.abs(cents);
  const scale = 10 ** digits;
  const body = digits ? `${Math.trunc(abs / scale)}.${String(abs % scale).padStart(digits, "0")}` : String(abs);
  return `${cents < 0 ? "-" : ""}${body}`;
}
