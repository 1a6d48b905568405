import { AppError } from "./errors";

/** Largest accepted amount in major units: anything above is a typo or an attack, not a policy. */
const MAX_MAJOR = 10n ** 12n;

const invalid = (path: string, message: string) => new AppError("validation", message, { errors: [{ path, message }] });

/**
 * Major units ("1000.0", 1000.5) to integer cents, exactly: parsed from the decimal text, never
 * multiplied as a float. More than two decimals, negatives, NaN, Infinity and absurd values are refused.
 */
export function majorToCents(v: number | string, path = "conversionValue"): number {
  if (typeof v === "number" && !Number.isFinite(v)) throw invalid(path, "Must be a finite number");
  if (typeof v !== "number" && typeof v !== "string") throw invalid(path, "Must be a number");
  // String(0.1 + 0.2) is "0.30000000000000004": float noise shows up as extra decimals and is refused.
  const text = (typeof v === "number" ? String(v) : v).trim();
  if (/^-/.test(text)) throw invalid(path, "Must not be negative");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text) ?? /^()\.(\d+)$/.exec(text);
  if (!m) throw invalid(path, "Must be an amount such as 1000.00");
  const [, whole, frac = ""] = m;
  if (frac.length > 2) throw invalid(path, "At most 2 decimal places");
  const cents = BigInt(whole || "0") * 100n + BigInt(frac.padEnd(2, "0"));
  if (cents > MAX_MAJOR * 100n) throw invalid(path, "Amount is too large");
  return Number(cents);
}

/** Cents to a major-unit decimal string ("1234.50"), exact. */
export function centsToMajor(cents: number): string {
  const neg = cents < 0;
  const abs = BigInt(Math.abs(cents));
  return `${neg ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/**
 * amount × rate in basis points, in integer arithmetic, rounded half to even to the cent
 * (banker's rounding keeps sums of many rewards unbiased).
 */
export function applyRateBps(cents: number, bps: number): number {
  if (!Number.isSafeInteger(cents) || !Number.isSafeInteger(bps))
    throw new AppError("validation", "Amount and rate must be integers");
  const neg = cents < 0 !== bps < 0;
  const product = BigInt(Math.abs(cents)) * BigInt(Math.abs(bps));
  let q = product / 10000n;
  const r = product % 10000n;
  if (r > 5000n || (r === 5000n && q % 2n === 1n)) q += 1n;
  const out = Number(q);
  return neg && out !== 0 ? -out : out;
}

/** Formats cents for people, only at the edge. */
export function formatMoney(cents: number, currency = "USD", locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);
}
