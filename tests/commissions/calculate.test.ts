import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INSURANCE_TYPES, type InsuranceType } from "@/db/schema/enums";
import { calculate, pickRule } from "@/lib/commissions/calculate";
import { divHalfEven } from "@/lib/decimal";
import { planInputSchema } from "@/lib/commissions/schemas";
import { toDocument } from "@/lib/commissions/document";
import type { CalculationInput, PlanDocument } from "@/lib/commissions/types";

const doc = (o: Partial<Parameters<typeof toDocument>[0]>): PlanDocument =>
  toDocument(planInputSchema.parse({ name: "Test plan", currency: "USD", rules: [], ...o }));

const plan = (d: PlanDocument) => ({
  planId: "00000000-0000-4000-8000-000000000001",
  versionId: "00000000-0000-4000-8000-000000000002",
  version: 3,
  document: d,
});

const input = (d: PlanDocument, o: Partial<CalculationInput> = {}): CalculationInput => ({
  event: "CONVERSION",
  valueCents: 100_000,
  currency: "USD",
  insuranceType: "AUTO",
  state: "TX",
  plan: plan(d),
  overrideBps: null,
  ...o,
});

const insurance = doc({
  rules: [
    { name: "Default", event: "CONVERSION", rateBps: 500 },
    { event: "CONVERSION", insuranceTypes: ["AUTO"], rateBps: 1500 },
    { event: "CONVERSION", insuranceTypes: ["LIFE"], flatCents: 15_000 },
    { event: "CONVERSION", insuranceTypes: ["AUTO"], states: ["CA"], rateBps: 1200 },
    { event: "CONVERSION", states: ["CA"], rateBps: 900 },
    { event: "CONVERSION", insuranceTypes: ["HOME"], minValueCents: 500_000, rateBps: 800, capCents: 30_000 },
    { event: "QUALIFIED", insuranceTypes: ["AUTO"], flatCents: 2_500 },
  ],
});

describe("precedence and conditions (table)", () => {
  const cases: [string, Partial<CalculationInput>, string | null, number, string][] = [
    ["Auto in TX: the Auto rule", {}, "rule-2", 15_000, "15 % of $1,000.00 first-year premium (Auto, TX) = $150.00"],
    ["Life: flat", { insuranceType: "LIFE" }, "rule-3", 15_000, "$150.00 flat (Life, TX) = $150.00"],
    [
      "Home below the minimum: the default rule",
      { insuranceType: "HOME" },
      "rule-1",
      5_000,
      "5 % of $1,000.00 first-year premium (Home, TX) = $50.00",
    ],
    [
      "Auto in CA: type and state (2 fields) beat type or state (1)",
      { state: "CA" },
      "rule-4",
      12_000,
      "12 % of $1,000.00 first-year premium (Auto, CA) = $120.00",
    ],
    [
      "Health in CA: the state rule",
      { insuranceType: "HEALTH", state: "CA" },
      "rule-5",
      9_000,
      "9 % of $1,000.00 first-year premium (Health, CA) = $90.00",
    ],
    [
      "Home at 5,000: min-value rule, capped",
      { insuranceType: "HOME", valueCents: 500_000 },
      "rule-6",
      30_000,
      "8 % of $5,000.00 first-year premium (Home, TX) = $400.00, capped at $300.00 per reward",
    ],
    [
      "override replaces the percentage",
      { overrideBps: 1000 },
      "rule-2",
      10_000,
      "10 % (your rate) of $1,000.00 first-year premium (Auto, TX) = $100.00",
    ],
    [
      "override adds to a flat rule's flat",
      { insuranceType: "LIFE", overrideBps: 1000 },
      "rule-3",
      25_000,
      "10 % (your rate) of $1,000.00 first-year premium + $150.00 flat (Life, TX) = $250.00",
    ],
    [
      "qualified Auto lead: flat fee",
      { event: "QUALIFIED", valueCents: null },
      "rule-7",
      2_500,
      "$25.00 per qualified lead (Auto, TX) = $25.00",
    ],
    [
      "qualified Home lead: no rule",
      { event: "QUALIFIED", valueCents: null, insuranceType: "HOME" },
      null,
      0,
      "No reward: no rule of Test plan v3 pays a Home qualified lead in TX",
    ],
  ];
  it.each(cases)("%s", (_, o, ruleId, amount, explanation) => {
    const c = calculate(input(insurance, o));
    expect(c.ruleId).toBe(ruleId);
    expect(c.amountCents).toBe(amount);
    expect(c.explanation).toBe(explanation);
    expect(c.matched).toBe(ruleId !== null);
  });

  it("ties go to the earlier rule", () => {
    const d = doc({
      rules: [
        { event: "CONVERSION", insuranceTypes: ["AUTO"], rateBps: 1100 },
        { event: "CONVERSION", states: ["TX"], rateBps: 1300 },
      ],
    });
    expect(calculate(input(d)).ruleId).toBe("rule-1");
    const swapped = doc({ rules: [d.rules[1], d.rules[0]].map(({ id: _, ...r }) => r) });
    expect(calculate(input(swapped)).rateBps).toBe(1300);
  });

  it("no plan version in force: no reward, with the reason", () => {
    const c = calculate({ ...input(insurance), plan: null });
    expect(c).toMatchObject({
      matched: false,
      amountCents: 0,
      reason: "the partner's plan has no version in force yet",
    });
  });

  it("a flat amount in another currency does not apply", () => {
    const c = calculate(input(insurance, { insuranceType: "LIFE", currency: "EUR" }));
    expect(c).toMatchObject({ matched: false, reason: "Test plan pays in USD, the referral is in EUR" });
  });
});

describe("caps", () => {
  const capped = doc({ rules: [{ event: "CONVERSION", rateBps: 1000, capCents: 20_000 }], monthlyCapCents: 50_000 });
  it.each([
    [100_000, 0, 10_000, null],
    [300_000, 0, 20_000, "REWARD"],
    [100_000, 45_000, 5_000, "MONTHLY"],
    [100_000, 60_000, 0, "MONTHLY"],
    [100_000, 40_000, 10_000, null],
  ] as const)("value %i with %i earned this month → %i (%s)", (value, mtd, amount, cap) => {
    const c = calculate(input(capped, { valueCents: value, monthToDateCents: mtd }));
    expect(c.amountCents).toBe(amount);
    expect(c.capApplied).toBe(cap);
  });
  it("says the monthly cap in the explanation", () => {
    expect(calculate(input(capped, { monthToDateCents: 45_000 })).explanation).toBe(
      "10 % of $1,000.00 first-year premium (Auto, TX) = $100.00, limited to $50.00 by the $500.00 monthly cap",
    );
  });
});

describe("tiers", () => {
  const tiered = doc({
    rules: [{ event: "CONVERSION", rateBps: 1000 }],
    tierBasis: { metric: "CONVERSIONS", window: 90 },
    tiers: [
      { name: "Silver", threshold: 5, multiplierBps: 12_000 },
      { name: "Gold", threshold: 10, rateBps: 1500 },
    ],
  });
  it.each([
    [0, null, 10_000],
    [4, null, 10_000],
    [5, "Silver", 12_000],
    [9, "Silver", 12_000],
    [10, "Gold", 15_000],
    [500, "Gold", 15_000],
  ] as const)("%i trailing conversions → %s", (n, tier, amount) => {
    const c = calculate(input(tiered, { trailing: { conversions: n, valueCents: 0 } }));
    expect(c.tier?.name ?? null).toBe(tier);
    expect(c.amountCents).toBe(amount);
  });
  it("names the tier in the explanation; an override ignores tiers", () => {
    expect(calculate(input(tiered, { trailing: { conversions: 10, valueCents: 0 } })).explanation).toBe(
      "15 % of $1,000.00 first-year premium (Auto, TX, Gold tier) = $150.00",
    );
    expect(
      calculate(input(tiered, { overrideBps: 700, trailing: { conversions: 10, valueCents: 0 } })).amountCents,
    ).toBe(7_000);
  });
});

describe("contradictory plans are refused, naming the field", () => {
  const base = { name: "P", currency: "USD" };
  it.each([
    [{ rules: [{ event: "CONVERSION" }] }, "rules.0.rateBps"],
    [{ rules: [{ event: "QUALIFIED", rateBps: 100 }] }, "rules.0.rateBps"],
    [{ rules: [{ event: "CONVERSION", rateBps: 1, minValueCents: 10, maxValueCents: 5 }] }, "rules.0.maxValueCents"],
    [
      {
        rules: [
          { event: "CONVERSION", rateBps: 1 },
          { event: "CONVERSION", rateBps: 2 },
        ],
      },
      "rules.1",
    ],
    [{ rules: [{ event: "CONVERSION", rateBps: 1, colour: "red" }] }, "rules.0"],
    [{ rules: [{ event: "CONVERSION", rateBps: 1 }], tiers: [{ name: "A", threshold: 1, rateBps: 1 }] }, "tierBasis"],
    [
      {
        rules: [{ event: "CONVERSION", rateBps: 1 }],
        tierBasis: { metric: "CONVERSIONS", window: 30 },
        tiers: [
          { name: "A", threshold: 5, rateBps: 1 },
          { name: "B", threshold: 5, rateBps: 2 },
        ],
      },
      "tiers.1.threshold",
    ],
    [{ rules: [{ event: "CONVERSION", rateBps: 1 }], extra: 1 }, ""],
  ])("%j → %s", (body, path) => {
    const r = planInputSchema.safeParse({ ...base, ...body });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("properties", () => {
  const rule = fc.record(
    {
      event: fc.constant("CONVERSION" as const),
      insuranceTypes: fc.subarray([...INSURANCE_TYPES], { minLength: 1 }),
      states: fc.subarray(["TX", "CA", "NY"], { minLength: 1 }),
      rateBps: fc.integer({ min: 0, max: 10_000 }),
      flatCents: fc.integer({ min: 0, max: 100_000 }),
      capCents: fc.integer({ min: 0, max: 1_000_000 }),
    },
    { requiredKeys: ["event", "rateBps"] },
  );
  const event = fc.record({
    valueCents: fc.integer({ min: 0, max: 1_000_000_000 }),
    insuranceType: fc.constantFrom(...INSURANCE_TYPES) as fc.Arbitrary<InsuranceType>,
    state: fc.constantFrom("TX", "CA", "NY"),
    overrideBps: fc.option(fc.integer({ min: 0, max: 10_000 })),
    monthToDateCents: fc.integer({ min: 0, max: 10_000_000 }),
  });
  const plans = fc
    .tuple(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.option(fc.integer({ min: 0, max: 5_000_000 })))
    .map(([rules, monthlyCapCents]) => {
      const seen = new Set<string>();
      const unique = rules.filter((r) => {
        const k = JSON.stringify([r.insuranceTypes, r.states]);
        return !seen.has(k) && seen.add(k);
      });
      return doc({ rules: unique, monthlyCapCents });
    });

  it("replaying an event gives the same calculation", () => {
    fc.assert(
      fc.property(plans, event, (d, e) => {
        const i = input(d, e);
        expect(calculate(structuredClone(i))).toEqual(calculate(i));
      }),
    );
  });

  it("the chosen rule matches and no matching rule has more condition fields", () => {
    fc.assert(
      fc.property(plans, event, (d, e) => {
        const chosen = pickRule(d.rules, { event: "CONVERSION", ...e });
        const n = (r: (typeof d.rules)[number]) => (r.insuranceTypes ? 1 : 0) + (r.states ? 1 : 0);
        const matching = d.rules.filter(
          (r) =>
            (!r.insuranceTypes || r.insuranceTypes.includes(e.insuranceType)) &&
            (!r.states || r.states.includes(e.state)),
        );
        if (matching.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        const best = Math.max(...matching.map(n));
        expect(n(chosen!)).toBe(best);
        expect(chosen).toBe(matching.find((r) => n(r) === best));
      }),
    );
  });

  it("the amount is value × rate rounded half to even once, plus flat, never above a cap", () => {
    fc.assert(
      fc.property(plans, event, (d, e) => {
        const c = calculate(input(d, e));
        if (!c.matched) {
          expect(c.amountCents).toBe(0);
          return;
        }
        // With an override a conversion is paid even when no rule matches (precedence 1).
        const rule = d.rules.find((r) => r.id === c.ruleId);
        if (!rule) expect(e.overrideBps).not.toBeNull();
        const rate = e.overrideBps ?? rule!.rateBps!;
        expect(c.rateBps).toBe(rate);
        const gross = Number(divHalfEven(BigInt(e.valueCents) * BigInt(rate), 10_000n)) + (rule?.flatCents ?? 0);
        expect(c.grossCents).toBe(gross);
        expect(c.amountCents).toBeLessThanOrEqual(gross);
        if (rule?.capCents !== undefined) expect(c.amountCents).toBeLessThanOrEqual(rule.capCents);
        if (d.monthlyCapCents != null)
          expect(c.amountCents).toBeLessThanOrEqual(Math.max(0, d.monthlyCapCents - e.monthToDateCents));
        expect(c.amountCents).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("half to even: exact halves go to the even cent", () => {
    expect(divHalfEven(5n, 10n)).toBe(0n);
    expect(divHalfEven(15n, 10n)).toBe(2n);
    expect(divHalfEven(25n, 10n)).toBe(2n);
    expect(divHalfEven(26n, 10n)).toBe(3n);
  });
});
