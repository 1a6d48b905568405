import { describe, expect, it } from "vitest";
import { leads, partners, payouts, referrals, rewards } from "@/db/schema";
import {
  serializeLead,
  serializePartner,
  serializePayout,
  serializeReferral,
  serializeReward,
} from "@/lib/api/serializers";
import { dbSuite } from "../helpers/db";

/** Every value of a JSON tree, so the test can prove there is no BigInt, Date or undefined left. */
function leaves(v: unknown): unknown[] {
  if (v && typeof v === "object") return Object.values(v).flatMap(leaves);
  return [v];
}

describe("API serializers", () => {
  const t = dbSuite();

  it("turn real rows into camelCase JSON with integer cents, currency and ISO dates", async () => {
    const [p] = await t.db
      .insert(partners)
      .values({
        firstName: "Ada",
        lastName: "Lovelace",
        email: "ada@example.com",
        status: "ACTIVE",
        commissionRateBps: 1250,
        minimumPayoutCents: 9_007_199_254_740_991,
      })
      .returning();
    const [l] = await t.db
      .insert(leads)
      .values({ firstName: "Bo", lastName: "Li", email: "bo@example.com", insuranceType: "AUTO" })
      .returning();
    const [r] = await t.db
      .insert(referrals)
      .values({
        partnerId: p.id,
        referralCode: "ADALOV0001",
        leadId: l.id,
        status: "CONVERTED",
        conversionValueCents: 100_000,
        expiresAt: new Date("2027-01-01T00:00:00Z"),
      })
      .returning();
    const [po] = await t.db
      .insert(payouts)
      .values({
        partnerId: p.id,
        amountCents: 12_500,
        status: "PAID",
        paymentMethod: "BANK_TRANSFER",
        transactionId: "T-1",
        rewardCount: 1,
      })
      .returning();
    const [w] = await t.db
      .insert(rewards)
      .values({
        partnerId: p.id,
        referralId: r.id,
        amountCents: 12_500,
        rateBps: 1250,
        baseCents: 100_000,
        status: "PAID",
        payoutId: po.id,
      })
      .returning();

    const out = {
      partner: serializePartner({ ...p, referralCode: "ADALOV0001" }),
      lead: serializeLead(l),
      referral: serializeReferral(r),
      payout: serializePayout({ ...po, rewardIds: [w.id] }),
      reward: serializeReward(w),
    };
    // Survives JSON unchanged: nothing needs a custom replacer.
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    for (const v of leaves(out)) {
      expect(["string", "number", "boolean"].includes(typeof v) || v === null).toBe(true);
    }

    expect(out.partner).toMatchObject({
      referralCode: "ADALOV0001",
      commissionRateBps: 1250,
      currency: "USD",
      minimumPayoutCents: 9_007_199_254_740_991,
    });
    expect(out.partner.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(out.referral).toMatchObject({
      conversionValueCents: 100_000,
      currency: "USD",
      expiresAt: "2027-01-01T00:00:00.000Z",
      leadId: l.id,
    });
    expect(out.reward).toMatchObject({
      amountCents: 12_500,
      baseCents: 100_000,
      rateBps: 1250,
      currency: "USD",
      payoutId: po.id,
    });
    expect(out.payout).toMatchObject({ amountCents: 12_500, currency: "USD", rewardIds: [w.id] });
    // Column names that are not part of the public shape never appear (snake_case or internals).
    for (const obj of Object.values(out)) {
      for (const k of Object.keys(obj)) expect(k).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
  });
});
