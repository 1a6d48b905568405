import { describe, expect, it } from "vitest";
import { PAYOUT_METHOD_COLOR, payoutMethodLabel } from "@/components/admin/analytics/payout-methods";
import { valueDomain } from "@/components/charts/format";
import { PAYMENT_METHODS } from "@/db/schema/enums";

describe("chart value axis", () => {
  const series = [{ key: "a" }, { key: "b" }];
  it.each([
    ["non-negative data starts at zero", [{ a: 0, b: 5 }, { a: 3 }], false, [0, "auto"]],
    ["all zero starts at zero", [{ a: 0, b: 0 }], false, [0, "auto"]],
    ["a negative value (a clawback day) goes below zero", [{ a: -2500, b: 10 }], false, ["dataMin", "auto"]],
    ["stacked positives start at zero", [{ a: 5, b: 7 }], true, [0, "auto"]],
    ["stacked with a negative part goes below zero", [{ a: -5, b: 7 }], true, ["dataMin", "auto"]],
    ["no data starts at zero", [], false, [0, "auto"]],
  ] as const)("%s", (_name, data, stacked, expected) => {
    expect(valueDomain([...data], series, stacked)).toEqual(expected);
  });
});

describe("payout method colours", () => {
  it("each method has its own colour, fixed by the method and not by the data's order", () => {
    const colours = [...PAYMENT_METHODS, "NONE" as const].map((m) => PAYOUT_METHOD_COLOR[m]);
    expect(colours.every((c) => /^#[0-9a-f]{6}$/i.test(c))).toBe(true);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it("names methods as people write them; a missing method is not called a method", () => {
    expect(payoutMethodLabel("PAYPAL")).toBe("PayPal");
    expect(payoutMethodLabel("BANK_TRANSFER")).toBe("Bank transfer");
    expect(payoutMethodLabel("NONE")).toBe("Method not recorded");
  });
});
