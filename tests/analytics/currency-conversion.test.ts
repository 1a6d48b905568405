import { describe, expect, it } from "vitest";
import { fxRates, partners, rewards } from "@/db/schema";
import { adminAnalytics, programKpis, rewardStatistics, topPartners } from "@/lib/analytics";
import { fxContext, loadRates } from "@/lib/analytics/fx";
import { findRate } from "@/lib/fx/rates";
import { dbSuite } from "../helpers/db";

// Analytics in the program currency (docs/domain-rules.md#figures): each (day, currency) amount at that day's
// rate, rounded half to even once per figure; a missing rate leaves the amount out and is reported.

const t = dbSuite();
const D1 = "2026-10-05"; // a Monday
const D2 = "2026-10-06";
const D3 = "2026-10-07";
const LATE = "2026-10-20"; // no rate on it nor in the 4 days before

const at = (day: string) => new Date(`${day}T10:00:00Z`);

async function partner(currency: string, lastName: string): Promise<string> {
  const [p] = await t.db
    .insert(partners)
    .values({ firstName: "Fx", lastName, email: `${lastName.toLowerCase()}@fx.test`, currency, status: "ACTIVE" })
    .returning({ id: partners.id });
  return p.id;
}

const reward = (partnerId: string, currency: string, amountCents: number, day: string) => ({
  partnerId,
  type: "BONUS" as const,
  status: "APPROVED" as const,
  amountCents,
  currency,
  createdAt: at(day),
});

describe("analytics convert each day's amounts to the program currency", () => {
  let usd: string;
  let eur: string;

  it("sets up a USD and a EUR partner, ECB rates for three days and a gap", async () => {
    usd = await partner("USD", "Dollar");
    eur = await partner("EUR", "Euro");
    // ECB style: 1 EUR = rate USD. D3 has no EUR rate of its own: GBP is quoted, USD is not.
    await t.db.insert(fxRates).values([
      { rateDate: D1, base: "EUR", quote: "USD", rate: "1.0523", source: "ECB" },
      { rateDate: D2, base: "EUR", quote: "USD", rate: "1.05", source: "ECB" },
      { rateDate: D1, base: "EUR", quote: "GBP", rate: "0.8421", source: "ECB" },
    ]);
    await t.db
      .insert(rewards)
      .values([
        reward(usd, "USD", 5_000, D1),
        reward(eur, "EUR", 12_345, D1),
        reward(eur, "EUR", 10, D2),
        reward(eur, "EUR", 50, D3),
        reward(eur, "EUR", 777, LATE),
      ]);
  });

  it("a EUR and a USD reward on the same day: the USD as is plus the EUR at that day's rate, in exact cents", async () => {
    const k = await programKpis(t.db, { from: D1, to: D1 });
    // 12,345 EUR cents × 1.0523 = 12,990.6435 USD cents → 12,991.
    expect(k.current.rewardsApprovedCents).toBe(5_000 + 12_991);
    expect(k.current.rewardsApprovedCount).toBe(2);
    expect(k.currency).toBe("USD");
    expect(k.conversion.label).toBe("EUR amounts converted to USD at daily ECB rates");
    expect(k.conversion.converted).toEqual([{ from: "EUR", to: "USD", days: 1, sources: ["ECB"] }]);
    expect(k.conversion.missing).toEqual([]);
    expect(k.conversion.missingNote).toBeNull();
  });

  it("rounds half to even, once per figure, after adding the exact parts of every day", async () => {
    const d2 = await programKpis(t.db, { from: D2, to: D2 });
    // 10 × 1.05 = 10.5 → 10 (half to even; half away from zero would say 11).
    expect(d2.current.rewardsApprovedCents).toBe(10);
    // D3 has no rate of its own and takes D2's (the latest within 4 days): 50 × 1.05 = 52.5 → 52.
    const d3 = await programKpis(t.db, { from: D3, to: D3 });
    expect(d3.current.rewardsApprovedCents).toBe(52);
    // Together 10.5 + 52.5 = 63 exactly, where rounding each day first would say 10 + 52 = 62.
    const two = await programKpis(t.db, { from: D2, to: D3 });
    expect(two.current.rewardsApprovedCents).toBe(63);
    // With D1: 5,000 + 12,990.6435 + 10.5 + 52.5 = 18,053.6435 → 18,054.
    const all = await programKpis(t.db, { from: D1, to: D3 });
    expect(all.current.rewardsApprovedCents).toBe(18_054);
    const stats = await rewardStatistics(t.db, { from: D1, to: D3 });
    expect(stats.byStatus.APPROVED).toEqual({ count: 4, amountCents: 18_054 });
    expect(stats.earnedCents).toBe(18_054);
    expect(stats.byType.BONUS.amountCents).toBe(18_054);
    expect(stats.conversion.converted).toEqual([{ from: "EUR", to: "USD", days: 3, sources: ["ECB"] }]);
  });

  it("a day without a rate is not guessed: its amount is left out, its count stays, and the pair and day are named", async () => {
    const k = await programKpis(t.db, { from: LATE, to: LATE });
    expect(k.current.rewardsApprovedCount).toBe(1);
    expect(k.current.rewardsApprovedCents).toBe(0);
    expect(k.conversion.label).toBeNull();
    expect(k.conversion.missing).toEqual([{ from: "EUR", to: "USD", days: [LATE] }]);
    expect(k.conversion.missingNote).toBe(
      `No EUR→USD rate for ${LATE} or the 4 days before: those EUR amounts are left out.`,
    );
    // Over the whole span the converted days count and the missing one is reported beside them.
    const span = await rewardStatistics(t.db, { from: D1, to: LATE });
    expect(span.byStatus.APPROVED).toEqual({ count: 5, amountCents: 18_054 });
    expect(span.conversion.missing).toEqual([{ from: "EUR", to: "USD", days: [LATE] }]);
  });

  it("top partners rank on converted earnings, with the same exact rounding", async () => {
    const top = await topPartners(t.db, { from: D1, to: D3, metric: "earnings" });
    // The EUR partner: 12,990.6435 + 10.5 + 52.5 = 13,053.6435 → 13,054 USD cents, beating the USD partner's 5,000.
    expect(top.partners.map((p) => [p.partnerId, p.earningsCents])).toEqual([
      [eur, 13_054],
      [usd, 5_000],
    ]);
    expect(top.conversion.label).toBe("EUR amounts converted to USD at daily ECB rates");
    const missing = await topPartners(t.db, { from: LATE, to: LATE, metric: "earnings" });
    expect(missing.partners).toEqual([]);
    expect(missing.conversion.missing).toEqual([{ from: "EUR", to: "USD", days: [LATE] }]);
  });

  it("the admin analytics page's figures carry one conversion summary for every section", async () => {
    const a = await adminAnalytics(t.db, { from: D1, to: LATE, interval: "day" });
    expect(a.kpis.current.rewardsApprovedCents).toBe(18_054);
    expect(a.trends.points.find((p) => p.date === D1)?.rewardCents).toBe(5_000 + 12_991);
    expect(a.conversion.missing).toEqual([{ from: "EUR", to: "USD", days: [LATE] }]);
    expect(a.kpis.conversion).toEqual(a.conversion);
    expect(a.topPartners.conversion).toEqual(a.conversion);
  });

  it("looks rates up by the payout rules: the same rate as findRate for every day and pair, or none", async () => {
    // An inverse pair (USD→JPY stored, JPY→USD asked) and a cross rate (GBP→USD via EUR on D1).
    await t.db.insert(fxRates).values([{ rateDate: D1, base: "USD", quote: "JPY", rate: "149.37", source: "ADMIN" }]);
    const fx = await fxContext(t.db);
    const days = ["2026-10-01", D1, D2, D3, "2026-10-09", "2026-10-10", "2026-10-11", LATE];
    const needs = ["EUR", "GBP", "JPY", "CHF"].flatMap((currency) => days.map((day) => ({ currency, day })));
    await loadRates(t.db, fx, needs);
    for (const { currency, day } of needs) {
      const expected = await findRate(t.db, currency, "USD", day);
      const got = fx.rates.get(`${currency}|${day}`);
      expect(got ? { rate: got.rate, source: got.source, date: got.date } : null, `${currency} ${day}`).toEqual(
        expected ? { rate: expected.rate, source: expected.source, date: expected.date } : null,
      );
    }
    expect(fx.rates.get(`GBP|${D1}`)?.source).toBe("ECB, cross via EUR");
    expect(fx.rates.get(`JPY|${D3}`)?.source).toBe("ADMIN, inverse of USD/JPY");
    expect(fx.rates.get("EUR|2026-10-10")?.date).toBe(D2);
    expect(fx.rates.get("EUR|2026-10-11")).toBeNull();
  });
});
