import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commissionPlanVersions, rewards } from "@/db/schema";
import { createPlan, getDefaultPlan, updatePlan, versionAt } from "@/lib/commissions/plans";
import { planInputSchema } from "@/lib/commissions/schemas";
import { captureLead } from "@/lib/leads/service";
import { updatePartner } from "@/lib/partners/service";
import { processConversion } from "@/lib/referrals/service";
import { createTestDb, type TestDb } from "../helpers/db";
import { admin, leadBody, newPartner, rejects, visitor } from "../engine/helpers";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

const T0 = Date.now() - 30 * 86_400_000;
const at = (days: number) => ({ now: new Date(T0 + days * 86_400_000) });

async function referral(partner: { referralCode: string }, o: Record<string, unknown> = {}, days = 0) {
  const { referral } = await captureLead(t.db, leadBody({ referralCode: partner.referralCode, ...o }), {
    actor: visitor,
    channel: "FORM",
    now: new Date(T0 + days * 86_400_000),
  });
  return referral!;
}

const body = (o: Record<string, unknown>) => planInputSchema.parse({ name: "Agency plan", currency: "USD", ...o });

describe("the default plan", () => {
  it("comes from the migration: 10 % of every conversion", async () => {
    const plan = await getDefaultPlan(t.db);
    const v = await versionAt(t.db, plan.id, new Date());
    expect(v?.document.rules).toEqual([
      { id: "default", name: "Every conversion", event: "CONVERSION", rateBps: 1000 },
    ]);
  });

  it("pays a partner without an override, and stores the calculation and version", async () => {
    const p = await newPartner(t.db);
    expect(p.commissionRateBps).toBeNull();
    const r = await referral(p);
    const { reward } = await processConversion(t.db, r.id, { conversionValue: "1000.00" }, admin);
    expect(reward).toMatchObject({ status: "CALCULATED", amountCents: 10_000, rateBps: 1000 });
    expect(reward.calculation?.explanation).toBe("10 % of $1,000.00 first-year premium (Auto) = $100.00");
    const [v] = await t.db
      .select()
      .from(commissionPlanVersions)
      .where(eq(commissionPlanVersions.id, reward.planVersionId!));
    expect(v.planId).toBe((await getDefaultPlan(t.db)).id);
  });

  it("an override replaces the percentage", async () => {
    const p = await newPartner(t.db, { commissionRateBps: 1250 });
    const { reward } = await processConversion(t.db, (await referral(p)).id, { conversionValue: "1000.00" }, admin);
    expect(reward.amountCents).toBe(12_500);
    expect(reward.calculation?.rateSource).toBe("OVERRIDE");
  });
});

describe("an assigned plan", () => {
  it("pays by rule, uses the version in force at the event, and keeps old rewards", async () => {
    const { plan } = await createPlan(
      t.db,
      body({
        rules: [
          { event: "CONVERSION", rateBps: 500 },
          { event: "CONVERSION", insuranceTypes: ["AUTO"], rateBps: 1500 },
          { event: "CONVERSION", insuranceTypes: ["LIFE"], flatCents: 15_000 },
        ],
      }),
      admin,
      at(0),
    );
    const p = await newPartner(t.db);
    await updatePartner(t.db, p.id, { commissionPlanId: plan.id }, admin);
    // A $1,000.00 conversion on day `day` of a lead referred on day `referred`.
    const convertOn = async (lead: Record<string, unknown>, referred: number, day: number) =>
      processConversion(t.db, (await referral(p, lead, referred)).id, { conversionValue: "1000.00" }, admin, at(day));
    const auto = await convertOn({}, 1, 2);
    const life = await convertOn({ insuranceType: "life" }, 1, 2);
    const home = await convertOn({ insuranceType: "home" }, 1, 2);
    expect([auto.reward.amountCents, life.reward.amountCents, home.reward.amountCents]).toEqual([
      15_000, 15_000, 5_000,
    ]);
    expect(life.reward.calculation?.explanation).toBe("$150.00 flat (Life) = $150.00");

    await updatePlan(
      t.db,
      plan.id,
      { rules: [{ event: "CONVERSION", insuranceTypes: ["AUTO"], rateBps: 2000 }] },
      admin,
      at(10),
    );
    const before = await convertOn({}, 5, 6);
    const after = await convertOn({}, 11, 12);
    expect(before.reward.amountCents).toBe(15_000);
    expect(before.reward.calculation?.planVersion).toBe(1);
    expect(after.reward.amountCents).toBe(20_000);
    expect(after.reward.calculation?.planVersion).toBe(2);
    // Version 2 has no rule for Home: no reward, recorded with the reason.
    const home2 = await convertOn({ insuranceType: "home" }, 11, 12);
    expect(home2.reward).toMatchObject({ status: "CANCELLED", amountCents: 0 });
    expect(home2.reward.cancelReason).toBe("no rule of Agency plan v2 pays a Home conversion");
    const [old] = await t.db.select().from(rewards).where(eq(rewards.id, auto.reward.id));
    expect(old.amountCents).toBe(15_000);
  });

  it("a value arriving later is computed with the version in force at the conversion", async () => {
    const { plan } = await createPlan(t.db, body({ rules: [{ event: "CONVERSION", rateBps: 800 }] }), admin, at(0));
    const p = await newPartner(t.db);
    await updatePartner(t.db, p.id, { commissionPlanId: plan.id }, admin);
    const r = await referral(p, {}, 1);
    const pending = await processConversion(t.db, r.id, {}, admin, at(2));
    expect(pending.reward.status).toBe("PENDING");
    await updatePlan(t.db, plan.id, { rules: [{ event: "CONVERSION", rateBps: 100 }] }, admin, at(3));
    const later = await processConversion(t.db, r.id, { conversionValue: "1000.00" }, admin, at(4));
    expect(later.reward).toMatchObject({ status: "CALCULATED", amountCents: 8_000 });
  });

  it("refuses an unknown plan, naming the field", async () => {
    const p = await newPartner(t.db);
    const e = await rejects(
      updatePartner(t.db, p.id, { commissionPlanId: "00000000-0000-4000-8000-000000000000" }, admin),
    );
    expect(e).toMatchObject({ code: "validation", errors: [{ path: "commissionPlanId" }] });
  });

  it("a patch that would contradict the plan is refused, naming the field", async () => {
    const { plan } = await createPlan(t.db, body({ rules: [{ event: "CONVERSION", rateBps: 800 }] }), admin);
    const e = await rejects(
      updatePlan(t.db, plan.id, { tiers: [{ name: "Gold", threshold: 3, rateBps: 900 }] }, admin),
    );
    expect(e).toMatchObject({ code: "validation", errors: [{ path: "tierBasis" }] });
  });

  it("a monthly cap limits the partner's rewards in the month", async () => {
    const { plan } = await createPlan(
      t.db,
      body({ rules: [{ event: "CONVERSION", rateBps: 1000 }], monthlyCapCents: 15_000 }),
      admin,
      at(-45),
    );
    const p = await newPartner(t.db);
    await updatePartner(t.db, p.id, { commissionPlanId: plan.id }, admin);
    // Hours on the 10th of a past month: all in one calendar month.
    const start = Date.UTC(new Date(T0).getUTCFullYear(), new Date(T0).getUTCMonth(), 10);
    const clock = (h: number) => ({ now: new Date(start + h * 3_600_000) });
    const amounts = [];
    for (let i = 0; i < 3; i++) {
      const { referral: r } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), {
        actor: visitor,
        channel: "FORM",
        now: clock(i).now,
      });
      amounts.push(
        (await processConversion(t.db, r!.id, { conversionValue: "1000.00" }, admin, clock(i + 0.5))).reward
          .amountCents,
      );
    }
    expect(amounts).toEqual([10_000, 5_000, 0]);
  });
});

describe("replaying a conversion gives the same reward", () => {
  it("for any value, a replay returns the stored reward unchanged", async () => {
    const p = await newPartner(t.db, { commissionRateBps: 1333 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 100_000_000 }), async (cents) => {
        const r = await referral(p);
        const first = await processConversion(t.db, r.id, { conversionValueCents: cents }, admin);
        const again = await processConversion(t.db, r.id, { conversionValueCents: cents }, admin);
        expect(again.created).toBe(false);
        expect(again.reward).toEqual(first.reward);
      }),
      { numRuns: 15 },
    );
  });
});
