import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, payouts, referrals, rewards } from "@/db/schema";
import { checkInvariants } from "@/lib/invariants";
import { captureLead } from "@/lib/leads/service";
import { createPayoutBatch } from "@/lib/payouts/service";
import { processConversion } from "@/lib/referrals/service";
import { approveReward, processPayment } from "@/lib/rewards/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, visitor } from "./helpers";

const t = dbSuite();

const violations = async () => Object.fromEntries((await checkInvariants(t.db)).map((r) => [r.name, r.violations]));

async function converted() {
  const p = await newPartner(t.db);
  const { referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), {
    actor: visitor,
    channel: "FORM",
  });
  return processConversion(t.db, referral!.id, { conversionValue: "800.00" }, admin);
}

describe("checkInvariants catches what it claims to", () => {
  it("reports 0 on engine-made data, then names each kind of corruption", async () => {
    const a = await converted();
    const b = await converted();
    await approveReward(t.db, a.reward.id, {}, admin);
    await approveReward(t.db, b.reward.id, {}, admin);
    const {
      payouts: [batch],
    } = await createPayoutBatch(t.db, { partnerIds: [b.reward.partnerId] }, admin);
    const c = await converted();
    const paid = await processPayment(t.db, c.reward.id, { paymentMethod: "CHECK", transactionId: "CHK-1" }, admin);
    expect(Object.values(await violations()).every((v) => v === 0)).toBe(true);

    await t.db
      .update(payouts)
      .set({ amountCents: batch.amountCents + 1 })
      .where(eq(payouts.id, batch.id));
    await t.db.update(referrals).set({ status: "CONVERTED" }).where(eq(referrals.id, c.referral.id));
    await t.db
      .update(rewards)
      .set({ amountCents: a.reward.amountCents! + 1 })
      .where(eq(rewards.id, a.reward.id));
    await t.db
      .insert(rewards)
      .values({ partnerId: a.reward.partnerId, type: "BONUS", amountCents: 100, status: "APPROVED", createdBy: "x" });
    await t.db.execute(
      sql`insert into payout_items (payout_id, reward_id, amount_cents) values (${batch.id}, ${paid.reward.id}, 0)`,
    );
    await t.db.execute(sql`alter table rewards drop constraint rewards_negative_only_clawback`);
    await t.db
      .insert(rewards)
      .values({ partnerId: a.reward.partnerId, type: "BONUS", amountCents: -5, status: "CANCELLED", createdBy: "x" });
    await t.db.delete(events).where(eq(events.entityId, b.referral.id));

    const v = await violations();
    expect(v).toMatchObject({
      payout_amount_equals_items: 1,
      payout_amount_equals_rewards: 1,
      reward_in_two_payouts: 1,
      paid_rewards_match_paid_referrals: 1,
      conversion_reward_amount: 1,
      negative_reward_is_admin_clawback: 1,
      referral_status_has_event: 1,
    });
    expect(v.reward_status_has_event).toBe(2);
  });
});
