import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divHalfEven } from "@/lib/decimal";
import { convertExact, convertMinor, formatRate, invertRate, parseRate } from "@/lib/fx/math";
import type { ResolvedRate } from "@/lib/fx/rates";
import { convertPayout } from "@/lib/payouts/conversion";

const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "KWD"] as const;
/** A common denominator of every exact conversion: 10^10 (the rate's scale) × 10^3 (the widest digit shift). */
const D = 10n ** 13n;

const rateArb = fc
  .tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 9_999_999_999 }))
  .filter(([w, f]) => w > 0 || f > 0)
  .map(([w, f]) => `${w}.${String(f).padStart(10, "0")}`);

describe("payout conversion (docs/payouts.md#currencies)", () => {
  it("the sum of the items converted exactly equals the payout within ½ minor unit per converted currency", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            currency: fc.constantFrom(...CURRENCIES),
            amountCents: fc.oneof(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: -100_000, max: 0 })),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom(...CURRENCIES),
        fc.dictionary(fc.constantFrom(...CURRENCIES), rateArb),
        (items, to, rates) => {
          const rateFor = (from: string): ResolvedRate | null =>
            rates[from]
              ? { from, to, rate: parseRate(rates[from])!, rateText: rates[from], date: "2026-12-03", source: "TEST" }
              : null;
          const out = convertPayout(items, to, "2026-12-03", rateFor);
          const needed = new Set(items.filter((i) => i.currency !== to).map((i) => i.currency));
          if ([...needed].some((c) => !rates[c])) {
            expect(out.ok).toBe(false);
            if (!out.ok) for (const c of needed) if (!rates[c]) expect(out.reason).toContain(`${c}→${to}`);
            return;
          }
          expect(out.ok).toBe(true);
          if (!out.ok) return;
          // Σ items, each converted exactly (no rounding), as a fraction over D.
          let exact = 0n;
          for (const i of items) {
            if (i.currency === to) exact += BigInt(i.amountCents) * D;
            else {
              const e = convertExact(i.amountCents, parseRate(rates[i.currency])!, i.currency, to);
              exact += e.num * (D / e.den);
            }
          }
          const diff = exact - BigInt(out.amountCents) * D;
          const abs = diff < 0n ? -diff : diff;
          expect(abs * 2n <= BigInt(out.conversions.length) * D).toBe(true);
          expect(out.conversions.length).toBe(needed.size);
          // Each pair is rounded once, half to even, on its total.
          for (const c of out.conversions) {
            const total = items.filter((i) => i.currency === c.fromCurrency).reduce((a, i) => a + i.amountCents, 0);
            expect(c.originalCents).toBe(total);
            expect(c.convertedCents).toBe(convertMinor(total, parseRate(c.rate)!, c.fromCurrency, to));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rounds half to even, and across minor units (JPY none, KWD three)", () => {
    expect(divHalfEven(5n, 2n)).toBe(2n);
    expect(divHalfEven(7n, 2n)).toBe(4n);
    expect(divHalfEven(-5n, 2n)).toBe(-2n);
    expect(convertMinor(250, parseRate("1")!, "USD", "JPY")).toBe(2); // ¥2.50 → ¥2
    expect(convertMinor(350, parseRate("1")!, "USD", "JPY")).toBe(4); // ¥3.50 → ¥4
    expect(convertMinor(100, parseRate("162.45")!, "EUR", "JPY")).toBe(162); // €1.00 → ¥162.45 → ¥162
    expect(convertMinor(1001, parseRate("0.3075")!, "USD", "KWD")).toBe(3078); // 10.01 × 0.3075 = 3.078075 KWD
    expect(formatRate(invertRate(parseRate("1.05")!))).toBe("0.9523809524");
    expect(parseRate("1.00000000001")).toBeNull();
    expect(parseRate("1.050000000000")).toBe(parseRate("1.05"));
    expect(parseRate("0")).toBeNull();
    expect(parseRate("-1")).toBeNull();
    expect(parseRate("1e3")).toBeNull();
  });
});
