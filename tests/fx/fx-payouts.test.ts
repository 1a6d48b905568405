import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payoutConversions, payoutItems, payouts } from "@/db/schema";
import { findRate, importEcbRates, listFxRates, setFxRate } from "@/lib/fx/rates";
import { convertMinor, parseRate } from "@/lib/fx/math";
import { checkInvariants } from "@/lib/invariants";
import { captureLead } from "@/lib/leads/service";
import { getPayout } from "@/lib/payouts/queries";
import { createPayoutBatch } from "@/lib/payouts/service";
import { processConversion } from "@/lib/referrals/service";
import { approveReward } from "@/lib/rewards/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, rejects, visitor } from "../engine/helpers";

const t = dbSuite();
const fixture = (name: string) => readFileSync(path.join(__dirname, "../fixtures/ecb", name), "utf8");
const violations = async () => Object.fromEntries((await checkInvariants(t.db)).map((r) => [r.name, r.violations]));
const DAY = new Date("2026-12-03T12:00:00Z");

/** An APPROVED conversion reward of `value` (major units) for the partner, in the partner's currency. */
async function approved(partner: { referralCode: string }, value: string) {
  const { referral } = await captureLead(t.db, leadBody({ referralCode: partner.referralCode }), {
    actor: visitor,
    channel: "FORM",
  });
  const { reward } = await processConversion(t.db, referral!.id, { conversionValue: value }, admin);
  await approveReward(t.db, reward.id, {}, admin);
  return reward;
}

describe("exchange rates", () => {
  it("imports the ECB daily and history layouts, skipping N/A, and replaces a day on re-import", async () => {
    const daily = await importEcbRates(t.db, fixture("eurofxref.csv"), admin);
    expect(daily).toMatchObject({ imported: 30, days: ["2026-12-03"], skipped: [] });
    expect(daily.currencies).toContain("JPY");
    const hist = await importEcbRates(t.db, fixture("eurofxref-hist.csv"), admin);
    expect(hist).toMatchObject({ imported: 6, days: ["2026-12-01", "2026-12-02"] });
    expect((await importEcbRates(t.db, fixture("eurofxref.csv"), admin)).imported).toBe(30);
    const usd = await listFxRates(t.db, { base: "EUR", quote: "USD" });
    expect(usd.data.map((r) => [r.rateDate, r.rate])).toEqual([
      ["2026-12-03", "1.0500000000"],
      ["2026-12-02", "1.0480000000"],
      ["2026-12-01", "1.0462000000"],
    ]);
    expect(usd.pagination.total).toBe(3);
    const bad = await rejects(importEcbRates(t.db, "Currency,Rate\nUSD,1.1\n", admin));
    expect(bad.code).toBe("validation");
  });

  it("finds the pair as stored, inverted, or crossed through EUR; at most 4 days old; never guesses", async () => {
    expect((await findRate(t.db, "EUR", "USD", "2026-12-03"))?.rateText).toBe("1.05");
    const inv = await findRate(t.db, "USD", "EUR", "2026-12-03");
    expect(inv).toMatchObject({ rateText: "0.9523809524", date: "2026-12-03", source: "ECB, inverse of EUR/USD" });
    const cross = await findRate(t.db, "USD", "GBP", "2026-12-03");
    expect(cross).toMatchObject({ rateText: "0.802", source: "ECB, cross via EUR" });
    // A Sunday uses Thursday's rate; five days later there is none.
    expect((await findRate(t.db, "EUR", "USD", "2026-12-06"))?.date).toBe("2026-12-03");
    expect(await findRate(t.db, "EUR", "USD", "2026-12-08")).toBeNull();
    expect(await findRate(t.db, "USD", "MAD", "2026-12-03")).toBeNull();
  });

  it("keeps an admin's rate exactly, and a second one for the same day replaces the first", async () => {
    const a = await setFxRate(t.db, { date: "2026-12-03", base: "USD", quote: "MXN", rate: "18.123456789" }, admin);
    expect(a.rate).toBe("18.1234567890");
    const b = await setFxRate(t.db, { date: "2026-12-03", base: "USD", quote: "MXN", rate: "18.2" }, admin);
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ rate: "18.2000000000", source: "ADMIN" });
    expect((await findRate(t.db, "USD", "MXN", "2026-12-03"))?.source).toBe("ADMIN");
  });
});

describe("payouts in the partner's currency", () => {
  it("converts once per currency pair at the day's rate, stores both amounts, and blocks a missing pair by name", async () => {
    const eur = await newPartner(t.db, { payoutCurrency: "EUR" });
    const usd = await newPartner(t.db);
    const mad = await newPartner(t.db, { payoutCurrency: "MAD" });
    const r1 = await approved(eur, "800.05");
    const r2 = await approved(eur, "650.15");
    await approved(usd, "900.00");
    await approved(mad, "900.00");

    const batch = await createPayoutBatch(t.db, { partnerIds: [eur.id, usd.id, mad.id] }, admin, { now: DAY });
    expect(batch.payouts.map((p) => p.currency).sort()).toEqual(["EUR", "USD"]);
    expect(batch.blocked).toEqual([
      { partnerId: mad.id, currency: "MAD", reason: expect.stringContaining("USD→MAD on 2026-12-03") },
    ]);
    const p = batch.payouts.find((x) => x.currency === "EUR")!;
    const original = r1.amountCents! + r2.amountCents!;
    expect(p.amountCents).toBe(convertMinor(original, parseRate("0.9523809524")!, "USD", "EUR"));
    const detail = await getPayout(t.db, {}, p.id);
    expect(detail?.conversions).toEqual([
      {
        fromCurrency: "USD",
        toCurrency: "EUR",
        rate: "0.9523809524",
        rateDate: "2026-12-03",
        rateSource: "ECB, inverse of EUR/USD",
        originalCents: original,
        convertedCents: p.amountCents,
      },
    ]);
    expect(detail?.items.map((i) => i.currency)).toEqual(["USD", "USD"]);
    expect(Object.entries(await violations()).filter(([, v]) => v > 0)).toEqual([]);

    // The blocked partner is paid by a later batch once its rate exists.
    await setFxRate(t.db, { date: "2026-12-03", base: "USD", quote: "MAD", rate: "9.2" }, admin);
    const later = await createPayoutBatch(t.db, { partnerIds: [mad.id] }, admin, { now: DAY });
    expect(later.payouts).toMatchObject([{ currency: "MAD", amountCents: 82800 }]);
    expect(later.blocked).toEqual([]);
  });

  it("check:invariants catches a payout off its stored rate and a reward in two payouts of different currencies", async () => {
    const eur = await newPartner(t.db, { payoutCurrency: "EUR" });
    const reward = await approved(eur, "800.00");
    const {
      payouts: [p],
    } = await createPayoutBatch(t.db, { partnerIds: [eur.id] }, admin, { now: DAY });
    expect(Object.entries(await violations()).filter(([, v]) => v > 0)).toEqual([]);

    await t.db.update(payoutConversions).set({ rate: "0.9600000000" }).where(eq(payoutConversions.payoutId, p.id));
    expect(await violations()).toMatchObject({ payout_conversion_at_stored_rate: 1, payout_amount_equals_items: 0 });
    await t.db
      .update(payoutConversions)
      .set({ rate: "0.9523809524", convertedCents: p.amountCents + 1 })
      .where(eq(payoutConversions.payoutId, p.id));
    expect(await violations()).toMatchObject({
      payout_conversion_at_stored_rate: 1,
      payout_amount_equals_items: 1,
      payout_amount_equals_rewards: 1,
    });
    await t.db
      .update(payoutConversions)
      .set({ convertedCents: p.amountCents })
      .where(eq(payoutConversions.payoutId, p.id));
    expect(await violations()).toMatchObject({ payout_conversion_at_stored_rate: 0, payout_amount_equals_items: 0 });

    // The same reward also in a USD payout: caught whatever the currencies.
    const [usdPayout] = await t.db
      .insert(payouts)
      .values({ partnerId: eur.id, amountCents: reward.amountCents!, currency: "USD", rewardCount: 1 })
      .returning();
    await t.db
      .insert(payoutItems)
      .values({ payoutId: usdPayout.id, rewardId: reward.id, amountCents: reward.amountCents! });
    const v = await violations();
    expect(v.reward_in_two_payouts).toBe(1);
    await t.db.execute(sql`delete from payout_items where payout_id = ${usdPayout.id}`);
    await t.db.delete(payouts).where(eq(payouts.id, usdPayout.id));
    // A conversion row whose currency is not the payout's own.
    await t.db.update(payoutConversions).set({ toCurrency: "GBP" }).where(eq(payoutConversions.payoutId, p.id));
    expect((await violations()).payout_conversion_at_stored_rate).toBe(1);
  });
});
