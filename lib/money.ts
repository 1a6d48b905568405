import { MAX_AMOUNT_MAJOR } from "./amounts";
import { divHalfEven } from "./decimal";
import { AppError } from "./errors";

const MAX_MAJOR = BigInt(MAX_AMOUNT_MAJOR);

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

/**
 * amount × rate in basis points, in integer arithmetic, rounded half to even to the cent
 * (banker's rounding keeps sums of many rewards unbiased).
 */
export function applyRateBps(cents: number, bps: number): number {
  if (!Number.isSafeInteger(cents) || !Number.isSafeInteger(bps))
    throw new AppError("validation", "Amount and rate must be integers");
  const out = Number(divHalfEven(BigInt(cents) * BigInt(bps), 10_000n));
  return out === 0 ? 0 : out;
}
