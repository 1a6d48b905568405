// Exact decimal text for money, with no imports, so client bundles can use it without the server's
// validation code.

/**
 * Integer minor units to an exact decimal string ("1234.50", "-0.05"; `digits` is the currency's
 * number of decimals: 0 for JPY, 3 for KWD). BigInt arithmetic: no float touches the amount.
 */
export function centsToMajor(cents: number, digits = 2): string {
  const neg = cents < 0;
  const abs = BigInt(Math.abs(cents));
  if (digits === 0) return `${neg ? "-" : ""}${abs}`;
  const scale = 10n ** BigInt(digits);
  return `${neg ? "-" : ""}${abs / scale}.${String(abs % scale).padStart(digits, "0")}`;
}

/** n / d rounded half to even (d > 0; n may be negative): the one rounding of money and rates (docs/domain-rules.md). */
export function divHalfEven(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r2 = (a % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}
