import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/components/ui/format";
import { centsToMajor } from "@/lib/decimal";
import { applyRateBps, majorToCents } from "@/lib/money";

describe("majorToCents", () => {
  it.each([
    [1000.0, 100000],
    ["1000.0", 100000],
    ["1000.00", 100000],
    [0.1, 10],
    ["0.07", 7],
    [".5", 50],
    ["12.", 1200],
    [0, 0],
    ["1000000000000", 100000000000000],
  ])("%s → %i cents", (v, cents) => expect(majorToCents(v)).toBe(cents));
  it.each([
    ["1.005"],
    [0.1 + 0.2],
    [-1],
    ["-0.01"],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ["1e3"],
    ["abc"],
    [""],
    ["1000000000000.01"],
    [1e13],
    ["1,000"],
  ])("refuses %s with a validation error naming the field", (v) => {
    let err: unknown;
    try {
      majorToCents(v as number, "conversionValue");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation");
    expect((err as AppError).errors[0].path).toBe("conversionValue");
  });
  it("round-trips every cent amount exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000_000 }), (c) => majorToCents(centsToMajor(c)) === c),
    );
  });
});

describe("applyRateBps", () => {
  it("rounds half to even", () => {
    expect(applyRateBps(55555, 1000)).toBe(5556); // 5555.5 → 5556 (even)
    expect(applyRateBps(55545, 1000)).toBe(5554); // 5554.5 → 5554 (even)
    expect(applyRateBps(100000, 1000)).toBe(10000);
    expect(applyRateBps(1, 5000)).toBe(0); // 0.5 → 0
    expect(applyRateBps(3, 5000)).toBe(2); // 1.5 → 2
    expect(applyRateBps(-55555, 1000)).toBe(-5556);
  });
  it("is never off by more than half a cent, never negative for positive inputs (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (cents, bps) => {
          const out = applyRateBps(cents, bps);
          const exactTimes10000 = BigInt(cents) * BigInt(bps);
          const diff = BigInt(out) * 10000n - exactTimes10000;
          const abs = diff < 0n ? -diff : diff;
          return out >= 0 && Number.isSafeInteger(out) && abs <= 5000n;
        },
      ),
      { numRuns: 5000 },
    );
  });
  it("ties go to the even cent (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (q) => {
        // q + 0.5 cents exactly: base × bps = (2q + 1) × 5000.
        return applyRateBps(2 * q + 1, 5000) % 2 === 0;
      }),
    );
  });
});

describe("formatMoney", () => {
  it("formats at the edge with Intl", () => {
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
    expect(formatMoney(-1500, "USD")).toBe("-$15.00");
    expect(formatMoney(100000, "EUR", "de-DE")).toMatch(/1\.000,00\s€/);
  });

  it("is exact for amounts a float cannot hold to the cent", () => {
    // The largest safe integer divided by 100 as a float would print ….90: the last cent is lost.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "USD")).toBe("$90,071,992,547,409.91");
    expect(formatMoney(-5, "USD")).toBe("-$0.05");
    expect(formatMoney(1234, "JPY")).toBe("¥1,234");
    expect(formatMoney(1234567, "KWD")).toMatch(/^KWD\s1,234\.567$/);
    expect(formatMoney(null)).toBe("—");
  });

  it("agrees with the decimal text for every safe amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (c) => {
        const digits = formatMoney(c, "USD").replace(/[^0-9]/g, "");
        return (
          digits ===
          centsToMajor(Math.abs(c))
            .replace(".", "")
            .replace(/^0+(?=\d{3})/, "")
        );
      }),
    );
  });
});
