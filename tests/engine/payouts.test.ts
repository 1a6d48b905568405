import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payoutItems, referrals, rewards, settings } from "@/db/schema";
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { captureLead } from "@/lib/leads/service";
import { partnerBalances } from "@/lib/payouts/balances";
import { createPayoutBatch, getPayoutById, markPayoutFailed, markPayoutPaid } from "@/lib/payouts/service";
import { processConversion } from "@/lib/referrals/service";
import { approveReward, cancelReward, createManualReward } from "@/lib/rewards/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, rejects, visitor } from "./helpers";

const t = dbSuite();

/** An APPROVED conversion reward of `value` (major units) for the partner, at its rate. */
async function approved(partner: Awaited<ReturnType<typeof newPartner>>, value: string) {
  const { referral } = await captureLead(t.db, leadBody({ referralCode: partner.referralCode }), {
    actor: visitor,
    channel: "FORM",
  });
  const { reward } = await processConversion(t.db, referral!.id, { conversionValue: value }, admin);
  return approveReward(t.db, reward.id, {}, admin);
}

describe("payout batches", () => {
  it("one PENDING payout per partner over the minimum, clawbacks netted; paid with rewards and referrals", async () => {
    const a = await newPartner(t.db);
    const b = await newPartner(t.db);
    const small = await newPartner(t.db);
    const a1 = await approved(a, "400.00");
    const a2 = await approved(a, "300.00");
    const claw = await createManualReward(
      t.db,
      { partnerId: a.id, type: "CLAWBACK", amountCents: -1000, reason: "Chargeback" },
      admin,
    );
    await approveReward(t.db, claw.id, {}, admin);
    const b1 = await approved(b, "1000.00");
    await approved(small, "10.00");
    const { payouts: made, batchId } = await createPayoutBatch(t.db, { partnerIds: [a.id, b.id, small.id] }, admin);
    expect(made).toHaveLength(2);
    const pa = made.find((p) => p.partnerId === a.id)!;
    expect(pa).toMatchObject({ status: "PENDING", amountCents: 4000 + 3000 - 1000, rewardCount: 3, batchId });
    expect((await getPayoutById(t.db, pa.id)).items.map((i) => i.rewardId).sort()).toEqual(
      [a1.id, a2.id, claw.id].sort(),
    );
    // A second batch takes nothing already in a payout.
    expect((await createPayoutBatch(t.db, { partnerIds: [a.id, b.id] }, admin)).payouts).toHaveLength(0);
    // Rewards in a pending payout cannot be cancelled or paid on their own.
    expect(await rejects(cancelReward(t.db, a1.id, { reason: "x" }, admin))).toMatchObject({ code: "invalid_state" });
    const paid = await markPayoutPaid(t.db, pa.id, { paymentMethod: "BANK_TRANSFER", transactionId: "BATCH-1" }, admin);
    expect(paid.rewards.map((r) => r.status)).toEqual(["PAID", "PAID", "PAID"]);
    const refs = await t.db
      .select()
      .from(referrals)
      .where(inArray(referrals.id, [a1.referralId!, a2.referralId!]));
    expect(refs.map((r) => r.status)).toEqual(["PAID", "PAID"]);
    expect(
      (await markPayoutPaid(t.db, pa.id, { paymentMethod: "BANK_TRANSFER", transactionId: "BATCH-1" }, admin)).replayed,
    ).toBe(true);
    const pb = made.find((p) => p.partnerId === b.id)!;
    expect(
      await rejects(markPayoutPaid(t.db, pb.id, { paymentMethod: "BANK_TRANSFER", transactionId: "BATCH-1" }, admin)),
    ).toMatchObject({ code: "conflict" });
    expect(await rejects(markPayoutFailed(t.db, pa.id, { reason: "late" }, admin))).toMatchObject({
      code: "invalid_state",
    });
    // FAILED: rewards go back to APPROVED and the next batch takes them again.
    await markPayoutFailed(t.db, pb.id, { reason: "Account closed" }, admin);
    const [rb] = await t.db.select().from(rewards).where(eq(rewards.id, b1.id));
    expect(rb).toMatchObject({ status: "APPROVED", payoutId: null });
    const again = await createPayoutBatch(t.db, { partnerIds: [b.id] }, admin);
    expect(again.payouts).toMatchObject([{ amountCents: 10000, rewardCount: 1 }]);
    expect(await t.db.select().from(payoutItems).where(eq(payoutItems.rewardId, b1.id))).toHaveLength(2);
    expect(totalViolations(await checkInvariants(t.db))).toBe(0);
  });
  it("applies the batch minimum over the program's", async () => {
    const p = await newPartner(t.db);
    await approved(p, "10.00");
    expect((await createPayoutBatch(t.db, { partnerIds: [p.id] }, admin)).payouts).toHaveLength(0);
    expect((await createPayoutBatch(t.db, { partnerIds: [p.id], minimumCents: 50 }, admin)).payouts).toHaveLength(1);
  });
});

describe("next payout (partner balances)", () => {
  const nextPayout = async (id: string, now: Date) => {
    const b = await partnerBalances(t.db, id, now);
    return { ...b.nextPayout, approvedCents: b.approved.cents };
  };
  it("is the approved total on the next payout day when it reaches the minimum", async () => {
    const p = await newPartner(t.db);
    const now = new Date("2026-11-15T12:00:00Z");
    expect(await nextPayout(p.id, now)).toMatchObject({
      date: "2026-12-01",
      approvedCents: 0,
      eligible: false,
      amountCents: 0,
      minimumCents: 5000,
    });
    await approved(p, "600.00");
    expect(await nextPayout(p.id, now)).toMatchObject({ approvedCents: 6000, eligible: true, amountCents: 6000 });
    await t.db.update(settings).set({ payoutDayOfMonth: 20 });
    expect((await nextPayout(p.id, now)).date).toBe("2026-11-20");
    expect((await nextPayout(p.id, new Date("2026-12-25T00:00:00Z"))).date).toBe("2027-01-20");
    await t.db.update(settings).set({ payoutDayOfMonth: 1 });
  });
});
