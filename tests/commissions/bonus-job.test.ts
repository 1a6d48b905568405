import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, outbox, rewards } from "@/db/schema";
import { awardBonuses } from "@/lib/commissions/bonuses";
import { calculationJson } from "@/lib/commissions/schemas";
import { jobByName } from "@/lib/jobs/registry";
import { ensureJobs, runDueJobs } from "@/lib/jobs/runner";
import { captureLead } from "@/lib/leads/service";
import { updatePartner } from "@/lib/partners/service";
import { processConversion } from "@/lib/referrals/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, tenPercentPlan, visitor } from "../engine/helpers";

const HOUR = 3_600_000;
// A month ahead of the real clock, so the job row made now is due then.
const JUNE = Date.UTC(new Date().getUTCFullYear() + 1, 5, 10, 12);
const JULY_1 = Date.UTC(new Date().getUTCFullYear() + 1, 6, 1, 1);
const YEAR = new Date(JUNE).getUTCFullYear();
const job = jobByName("award-bonuses")!;

describe("the bonus job", () => {
  const t = dbSuite();
  beforeAll(() => ensureJobs(t.db, [job]));

  async function onPlan(bonuses: unknown[]) {
    const plan = await tenPercentPlan(t.db, { name: "Bonus plan", bonuses }, { now: new Date(JUNE - 60 * 24 * HOUR) });
    const p = await newPartner(t.db);
    await updatePartner(t.db, p.id, { commissionPlanId: plan.id }, admin);
    return { plan, p };
  }

  async function convert(partner: { referralCode: string }, at: number, value = "1000.00") {
    const { referral } = await captureLead(t.db, leadBody({ referralCode: partner.referralCode }), {
      actor: visitor,
      channel: "FORM",
      now: new Date(at - HOUR / 2),
    });
    return processConversion(t.db, referral!.id, { conversionValue: value }, admin, { now: new Date(at) });
  }

  const bonusesOf = (partnerId: string) =>
    t.db
      .select()
      .from(rewards)
      .where(and(eq(rewards.partnerId, partnerId), eq(rewards.type, "BONUS")))
      .orderBy(rewards.amountCents);

  it("awards each goal reached once, through the job runner, audited and with reward.calculated", async () => {
    const { plan, p } = await onPlan([
      { name: "Three a month", kind: "MONTHLY_CONVERSIONS", target: 3, flatCents: 25_000 },
      { name: "Big month", kind: "MONTHLY_VALUE", target: 200_000, flatCents: 10_000 },
      { name: "Welcome", kind: "FIRST_CONVERSION", flatCents: 5_000 },
      { name: "Ten a month", kind: "MONTHLY_CONVERSIONS", target: 10, flatCents: 99_000 },
    ]);
    for (const h of [3, 2, 1]) await convert(p, JUNE - h * HOUR);

    const [out] = await runDueJobs(t.db, [job], { now: new Date(JUNE), worker: "test" });
    expect(out).toMatchObject({ job: "award-bonuses", ok: true, result: { awarded: 3 } });
    const got = await bonusesOf(p.id);
    expect(got.map((r) => [r.amountCents, r.status, r.uniqueKey])).toEqual([
      [5_000, "CALCULATED", `bonus:${p.id}:first-conversion`],
      [10_000, "CALCULATED", `bonus:${p.id}:${plan.id}:bonus-2:${YEAR}-06`],
      [25_000, "CALCULATED", `bonus:${p.id}:${plan.id}:bonus-1:${YEAR}-06`],
    ]);
    for (const r of got) calculationJson.parse(r.calculation);
    expect(got.map((r) => r.calculation?.explanation)).toEqual([
      'Bonus "Welcome": first conversion = $50.00',
      `Bonus "Big month": $3,000.00 of conversions in June ${YEAR} (goal $2,000.00) = $100.00`,
      `Bonus "Three a month": 3 conversions in June ${YEAR} (goal 3) = $250.00`,
    ]);
    expect(got[2].calculation).toMatchObject({ event: "BONUS", planId: plan.id, bonus: { period: `${YEAR}-06` } });
    const audit = await t.db
      .select()
      .from(events)
      .where(and(eq(events.action, "reward.created"), eq(events.actorId, "award-bonuses")));
    expect(audit.map((e) => e.entityId).sort()).toEqual(got.map((r) => r.id).sort());
    const hooks = (await t.db.select().from(outbox).where(eq(outbox.eventType, "reward.calculated")))
      .map((h) => (h.payload as { data: { id: string; type: string } }).data)
      .filter((d) => d.type === "BONUS");
    expect(hooks.map((d) => d.id).sort()).toEqual(got.map((r) => r.id).sort());

    // Later runs, this month and next (which looks at June again), award nothing more.
    expect(await awardBonuses(t.db, new Date(JUNE + HOUR))).toMatchObject({ awarded: 0 });
    expect(await awardBonuses(t.db, new Date(JULY_1))).toMatchObject({ awarded: 0 });
    expect(await bonusesOf(p.id)).toHaveLength(3);
  });

  it("a goal reached in the last hour of a month is awarded for that month by the next run", async () => {
    const { plan, p } = await onPlan([
      { name: "Two a month", kind: "MONTHLY_CONVERSIONS", target: 2, flatCents: 7_500 },
    ]);
    await convert(p, JULY_1 - 3 * HOUR);
    await convert(p, JULY_1 - 2 * HOUR);
    await convert(p, JULY_1 + HOUR / 2); // July's first: not enough for July
    expect((await awardBonuses(t.db, new Date(JULY_1 + HOUR))).awarded).toBeGreaterThanOrEqual(1);
    const got = await bonusesOf(p.id);
    expect(got.map((r) => r.uniqueKey)).toEqual([`bonus:${p.id}:${plan.id}:bonus-1:${YEAR}-06`]);
  });

  it("20 job runs at once award one bonus", async () => {
    const { p } = await onPlan([{ name: "Two a month", kind: "MONTHLY_CONVERSIONS", target: 2, flatCents: 7_500 }]);
    await convert(p, JUNE - 2 * HOUR, "10.00");
    await convert(p, JUNE - HOUR, "10.00");
    const ctx = { now: new Date(JUNE + 2 * HOUR), worker: "test" };
    const runs = await Promise.all(Array.from({ length: 20 }, () => job.run(t.db, ctx)));
    expect(runs.reduce((n, r) => n + Number(r.awarded), 0)).toBe(1);
    const got = await bonusesOf(p.id);
    expect(got).toHaveLength(1);
    const audit = await t.db.select().from(events).where(eq(events.entityId, got[0].id));
    expect(audit).toHaveLength(1);
    const hooks = (await t.db.select().from(outbox).where(eq(outbox.eventType, "reward.calculated"))).filter(
      (h) => (h.payload as { data: { id: string } }).data.id === got[0].id,
    );
    expect(hooks).toHaveLength(1);
  });

  it("a partner short of the goal gets nothing", async () => {
    const { p } = await onPlan([{ name: "Two a month", kind: "MONTHLY_CONVERSIONS", target: 2, flatCents: 7_500 }]);
    await convert(p, JUNE - HOUR);
    await awardBonuses(t.db, new Date(JUNE));
    expect(await bonusesOf(p.id)).toHaveLength(0);
  });
});
