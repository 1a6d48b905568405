// Exact exchange-rate arithmetic (docs/payouts.md#currencies): rates are decimal text with at most
// RATE_DECIMALS decimals, held as BigInt scaled by 10^RATE_DECIMALS; no float ever touches an amount.
// No imports with server code, so client components may use it.
import { divHalfEven } from "@/lib/decimal";

export const RATE_DECIMALS = 10;
/** A published rate stands in for a day without one (weekends, holidays) for at most this many days. */
export const MAX_RATE_AGE_DAYS = 4;
const SCALE = 10n ** BigInt(RATE_DECIMALS);

/** A rate as decimal text ("1.0523", "0.0000061") → scaled BigInt; null when it is not a positive decimal. */
export function parseRate(text: string): bigint | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const [, whole, frac = ""] = m;
  if (frac.length > RATE_DECIMALS && /[1-9]/.test(frac.slice(RATE_DECIMALS))) return null;
  const v = BigInt(whole) * SCALE + BigInt(frac.slice(0, RATE_DECIMALS).padEnd(RATE_DECIMALS, "0"));
  return v > 0n ? v : null;
}

/** A scaled rate → its shortest decimal text ("1.05", "160"). */
export function formatRate(rate: bigint): string {
  const whole = rate / SCALE;
  const frac = String(rate % SCALE)
    .padStart(RATE_DECIMALS, "0")
    .replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/** The rate of the reverse pair (1 / rate), rounded half to even to RATE_DECIMALS. */
export const invertRate = (rate: bigint): bigint => divHalfEven(SCALE * SCALE, rate);

/** A→B from base→A and base→B on the same day (B per A = (B per base) / (A per base)), half to even. */
export const crossRate = (baseToFrom: bigint, baseToTo: bigint): bigint => divHalfEven(baseToTo * SCALE, baseToFrom);

/** Decimals of a currency's minor unit (USD 2, JPY 0, KWD 3), from the ISO 4217 data Intl carries. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * An amount in minor units of `from` → minor units of `to` at `rate` (`to` per `from`), rounded half to
 * even once. Callers pass the total per currency pair, never each item (docs/payouts.md#currencies).
 */
export function convertMinor(minor: number, rate: bigint, from: string, to: string): number {
  const shift = currencyDigits(to) - currencyDigits(from);
  const num = BigInt(minor) * rate * 10n ** BigInt(Math.max(shift, 0));
  const den = SCALE * 10n ** BigInt(Math.max(-shift, 0));
  return Number(divHalfEven(num, den));
}

/** The exact, unrounded converted amount as a fraction num/den of minor units (for checks and tests). */
export function convertExact(minor: number, rate: bigint, from: string, to: string): { num: bigint; den: bigint } {
  const shift = currencyDigits(to) - currencyDigits(from);
  return {
    num: BigInt(minor) * rate * 10n ** BigInt(Math.max(shift, 0)),
    den: SCALE * 10n ** BigInt(Math.max(-shift, 0)),
  };
}
