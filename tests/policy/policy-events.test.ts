import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, outbox, payouts, rewards } from "@/db/schema";
import { createPlan } from "@/lib/commissions/plans";
import { planInputSchema } from "@/lib/commissions/schemas";
import { checkInvariants } from "@/lib/invariants";
import { captureLead } from "@/lib/leads/service";
import { updatePartner } from "@/lib/partners/service";
import { createPayoutBatch } from "@/lib/payouts/service";
import { recordPolicyEvent } from "@/lib/policies/service";
import { policyEventInputSchema } from "@/lib/policies/schemas";
import { processConversion } from "@/lib/referrals/service";
import { processPayment } from "@/lib/rewards/payment";
import { approveReward, createManualReward } from "@/lib/rewards/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, visitor } from "../engine/helpers";

const at = (d: string) => ({ now: new Date(`${d}T12:00:00Z`) });
const ev = (o: Record<string, unknown>) => policyEventInputSchema.parse(o);

describe("policy events: clawbacks and renewals", () => {
  const t = dbSuite();

  /** A NY lead of a fresh partner, converted at 1,000.00 on 2026-01-10 (10 %: a 100.00 reward), optionally paid. */
  async function converted(o: { insuranceType?: string; paid?: boolean; planId?: string } = {}) {
    const p = await newPartner(t.db);
    if (o.planId) await updatePartner(t.db, p.id, { commissionPlanId: o.planId }, admin);
    const { lead, referral } = await captureLead(
      t.db,
      leadBody({ referralCode: p.referralCode, insuranceType: o.insuranceType ?? "life", state: "NY" }),
      { actor: visitor, channel: "FORM", now: new Date("2026-01-08T12:00:00Z") },
    );
    let { reward } = await processConversion(
      t.db,
      referral!.id,
      { conversionValue: "1000.00" },
      admin,
      at("2026-01-10"),
    );
    if (o.paid) {
      await approveReward(t.db, reward.id, { override: true, reason: "test" }, admin, at("2026-01-10"));
      ({ reward } = await processPayment(
        t.db,
        reward.id,
        { paymentMethod: "OTHER", transactionId: `tx-${reward.id}` },
        admin,
        at("2026-01-11"),
      ));
    }
    return { partner: p, lead, referral: referral!, reward };
  }
  const rewardById = async (id: string) => (await t.db.select().from(rewards).where(eq(rewards.id, id)))[0];

  // [case, line, paid, issued on, cancelled on, the reward after, clawback cents (null: none)]
  const cases: [string, string, boolean, string, string, string, number | null][] = [
    ["free-look day 5, unpaid: cancelled", "life", false, "2026-01-10", "2026-01-15", "CANCELLED", null],
    ["free-look day 5, paid: full clawback", "life", true, "2026-01-10", "2026-01-15", "PAID", -10_000],
    ["day 100 of 365, paid: pro rata", "life", true, "2026-01-10", "2026-04-20", "PAID", -7_260],
    ["day 100 of 365, unpaid: a linked adjustment", "life", false, "2026-01-10", "2026-04-20", "CALCULATED", -7_260],
    ["after the chargeback window: nothing", "life", true, "2026-01-10", "2027-02-01", "PAID", null],
    ["auto, no free-look, day 5: pro rata", "auto", true, "2026-01-10", "2026-01-15", "PAID", -9_863],
  ];

  it.each(cases)("%s", async (_name, line, paid, issuedOn, cancelledOn, after, claw) => {
    const { lead, reward } = await converted({ insuranceType: line, paid });
    await recordPolicyEvent(
      t.db,
      lead.id,
      ev({ type: "issued", effectiveDate: issuedOn, termDays: 365 }),
      admin,
      at(issuedOn),
    );
    const { event, created } = await recordPolicyEvent(
      t.db,
      lead.id,
      ev({ type: "CANCELLED", effectiveDate: cancelledOn }),
      admin,
      at(cancelledOn),
    );
    expect(created).toBe(true);
    expect((await rewardById(reward.id)).status).toBe(after);
    const clawbacks = await t.db.select().from(rewards).where(eq(rewards.adjustsRewardId, reward.id));
    expect(clawbacks.map((c) => c.amountCents)).toEqual(claw === null ? [] : [claw]);
    if (claw !== null) {
      expect(clawbacks[0]).toMatchObject({
        type: "CLAWBACK",
        policyEventId: event.id,
        status: paid ? "APPROVED" : "CALCULATED",
      });
      expect(clawbacks[0].clawback?.amountCents).toBe(-claw);
      expect(event.outcome).toMatchObject({ action: "CLAWBACK", createdRewardId: clawbacks[0].id });
    }
    // A repeat answers the stored event and takes nothing more.
    const again = await recordPolicyEvent(t.db, lead.id, ev({ type: "cancelled", effectiveDate: cancelledOn }), admin);
    expect(again).toMatchObject({ created: false, event: { id: event.id } });
    // A second cancellation (another date) takes back nothing more either.
    const nextDay = new Date(Date.parse(cancelledOn) + 86_400_000).toISOString().slice(0, 10);
    const later = await recordPolicyEvent(t.db, lead.id, ev({ type: "CANCELLED", effectiveDate: nextDay }), admin);
    expect(later.event.outcome.action).toBe("NONE");
    expect(await t.db.select().from(rewards).where(eq(rewards.adjustsRewardId, reward.id))).toHaveLength(
      clawbacks.length,
    );
  });

  it("the same key with other details is a conflict; a partner may not record events", async () => {
    const { lead } = await converted();
    await recordPolicyEvent(t.db, lead.id, ev({ type: "ISSUED", effectiveDate: "2026-01-10", termDays: 365 }), admin);
    await expect(
      recordPolicyEvent(t.db, lead.id, ev({ type: "ISSUED", effectiveDate: "2026-01-10", termDays: 180 }), admin),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      recordPolicyEvent(t.db, lead.id, ev({ type: "ISSUED", effectiveDate: "2026-01-11" }), {
        type: "USER",
        id: "x",
        label: "p",
        role: "PARTNER",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a paid reward's clawback nets in the partner's next payout", async () => {
    const { partner, lead } = await converted({ paid: true });
    await recordPolicyEvent(
      t.db,
      lead.id,
      ev({ type: "CANCELLED", effectiveDate: "2026-01-15" }),
      admin,
      at("2026-01-15"),
    );
    const bonus = await createManualReward(
      t.db,
      { partnerId: partner.id, type: "BONUS", amountCents: 25_000, reason: "Quarterly bonus" },
      admin,
    );
    await approveReward(t.db, bonus.id, {}, admin);
    const { payouts: made } = await createPayoutBatch(t.db, { partnerIds: [partner.id], minimumCents: 0 }, admin);
    expect(made.map((p) => p.amountCents)).toEqual([15_000]);
    const [p] = await t.db.select().from(payouts).where(eq(payouts.id, made[0].id));
    expect(p.rewardCount).toBe(2);
  });

  it("a renewal pays the plan's renewal rate once per policy year, for years 2..N", async () => {
    const { plan } = await createPlan(
      t.db,
      planInputSchema.parse({
        name: `Renewals ${Date.now()}`,
        currency: "USD",
        rules: [
          { event: "CONVERSION", rateBps: 1000 },
          { event: "RENEWAL", rateBps: 500, maxPolicyYear: 3 },
        ],
      }),
      admin,
      at("2025-12-01"),
    );
    const { lead, referral } = await converted({ planId: plan.id });
    await recordPolicyEvent(t.db, lead.id, ev({ type: "ISSUED", effectiveDate: "2026-01-10", termDays: 365 }), admin);
    // [renewed on, premium, outcome, amount]
    const steps: [string, number | undefined, string, number | null, number | null][] = [
      ["2027-01-10", 120_000, "RENEWAL_REWARD", 6_000, 2],
      ["2027-01-12", 120_000, "NONE", null, 2], // the same policy year again: not paid twice
      ["2028-01-10", undefined, "RENEWAL_REWARD", 5_000, 3], // no premium given: the first year's
      ["2029-01-10", 120_000, "NONE", null, 4], // beyond year 3
    ];
    for (const [on, premiumCents, action, amount, year] of steps) {
      const { event } = await recordPolicyEvent(
        t.db,
        lead.id,
        ev({ type: "RENEWED", effectiveDate: on, ...(premiumCents ? { premiumCents } : {}) }),
        admin,
        at(on),
      );
      expect(event.outcome).toMatchObject({ action, amountCents: amount, policyYear: year });
    }
    const renewals = await t.db
      .select()
      .from(rewards)
      .where(and(eq(rewards.referralId, referral.id), eq(rewards.type, "RENEWAL")));
    expect(renewals.map((r) => [r.amountCents, r.status, r.uniqueKey])).toEqual([
      [6_000, "CALCULATED", `renewal:${referral.id}:2`],
      [5_000, "CALCULATED", `renewal:${referral.id}:3`],
    ]);
    expect(renewals[0].calculation?.explanation).toBe("5 % of $1,200.00 year 2 renewal premium (Life, NY) = $60.00");
    // A cancellation in year 3 takes back the year-3 renewal reward pro rata, not the conversion reward.
    const { event } = await recordPolicyEvent(
      t.db,
      lead.id,
      ev({ type: "CANCELLED", effectiveDate: "2028-04-19" }),
      admin,
    );
    expect(event.outcome).toMatchObject({
      action: "CLAWBACK",
      rewardId: renewals[1].id,
      amountCents: 3_630,
      policyYear: 3,
    });
  });

  it("every step is audited with a webhook, and the invariants hold", async () => {
    const types = (await t.db.select({ type: outbox.eventType }).from(outbox)).map((r) => r.type);
    for (const type of ["policy.issued", "policy.cancelled", "policy.renewed", "reward.clawed_back"])
      expect(types).toContain(type);
    const actions = (await t.db.select({ a: events.action }).from(events)).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["policy.issued", "policy.cancelled", "policy.renewed"]));
    const failed = (await checkInvariants(t.db)).filter((c) => c.violations > 0);
    expect(failed).toEqual([]);
  });
});
