import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, outbox, partners } from "@/db/schema";
import { partnerPlan } from "@/lib/commissions/partner-plan";
import { recordTierChanges } from "@/lib/commissions/tier-changes";
import { jobByName } from "@/lib/jobs/registry";
import { ensureJobs, runDueJobs } from "@/lib/jobs/runner";
import { captureLead } from "@/lib/leads/service";
import { updatePartner } from "@/lib/partners/service";
import { processConversion } from "@/lib/referrals/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, tenPercentPlan, visitor } from "../engine/helpers";

const DAY = 86_400_000;
// A minute ahead: the job row made in beforeAll is due by then.
const NOW = Date.now() + 60_000;
const clock = (days: number) => ({ now: new Date(NOW + days * DAY) });
const job = [jobByName("tier-changes")!];

describe("the daily tier job", () => {
  const t = dbSuite();
  beforeAll(() => ensureJobs(t.db, job));

  async function convert(partner: { referralCode: string }, days: number) {
    const { referral } = await captureLead(t.db, leadBody({ referralCode: partner.referralCode }), {
      actor: visitor,
      channel: "FORM",
      now: clock(days - 0.1).now,
    });
    return processConversion(t.db, referral!.id, { conversionValue: "1000.00" }, admin, clock(days));
  }

  const tierEvents = async (partnerId: string) =>
    t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, partnerId), eq(events.action, "partner.tier_changed")))
      .orderBy(events.createdAt);

  it("records a tier reached and lost as events and partner.tier_changed webhooks, once each", async () => {
    const plan = await tenPercentPlan(
      t.db,
      {
        name: "Tiered plan",
        tierBasis: { metric: "CONVERSIONS", window: 30 },
        tiers: [
          { name: "Silver", threshold: 1, multiplierBps: 11_000 },
          { name: "Gold", threshold: 2, rateBps: 1500 },
        ],
      },
      clock(-60),
    );
    const p = await newPartner(t.db);
    const idle = await newPartner(t.db);
    await updatePartner(t.db, p.id, { commissionPlanId: plan.id }, admin);
    await updatePartner(t.db, idle.id, { commissionPlanId: plan.id }, admin);
    await convert(p, -10);
    await convert(p, -5);

    const [out] = await runDueJobs(t.db, job, { ...clock(0), worker: "test" });
    expect(out).toMatchObject({ job: "tier-changes", ok: true, result: { changed: 1 } });
    const [row] = await t.db.select({ tierId: partners.tierId }).from(partners).where(eq(partners.id, p.id));
    expect(row.tierId).toBe("tier-2");
    const [reached] = await tierEvents(p.id);
    expect(reached).toMatchObject({ actorType: "SYSTEM", actorId: "tier-changes", entityType: "partner" });
    expect(reached.data).toMatchObject({
      planId: plan.id,
      fromTierId: null,
      toTierId: "tier-2",
      toName: "Gold",
      direction: "UP",
      rateBps: 1500,
      metric: "CONVERSIONS",
      value: 2,
    });
    const hooks = await t.db.select().from(outbox).where(eq(outbox.eventType, "partner.tier_changed"));
    expect(hooks.map((h) => (h.payload as { data: { partnerId: string } }).data.partnerId)).toEqual([p.id]);
    expect(await tierEvents(idle.id)).toHaveLength(0);

    // The same day again (the job row is not due; run the function): nothing new.
    expect(await recordTierChanges(t.db, clock(0).now)).toMatchObject({ changed: 0 });
    // The partner sees the tier and the badge for reaching it.
    const mine = await partnerPlan(t.db, p.id, clock(0).now);
    expect(mine?.tier?.current).toMatchObject({ name: "Gold", rateBps: 1500 });
    expect(mine?.badges.map((b) => b.name)).toContain("Gold tier reached");

    // 27 days on, one conversion left in the window: down to Silver; 40 days on, no tier.
    const [down] = await runDueJobs(t.db, job, clock(22));
    expect(down.result).toMatchObject({ changed: 1 });
    await runDueJobs(t.db, job, clock(40));
    const moves = (await tierEvents(p.id)).map((e) => e.data as Record<string, unknown>);
    expect(moves.map((d) => [d.fromName, d.toName, d.direction])).toEqual([
      [null, "Gold", "UP"],
      ["Gold", "Silver", "DOWN"],
      ["Silver", null, "DOWN"],
    ]);
  });

  it("runs at once record a change once (the guarded update)", async () => {
    const plan = await tenPercentPlan(
      t.db,
      {
        name: "Value tiers",
        tierBasis: { metric: "CONVERSION_VALUE", window: "QUARTER" },
        tiers: [{ name: "Bronze", threshold: 50_000, rateBps: 1100 }],
      },
      clock(-60),
    );
    const p = await newPartner(t.db);
    await updatePartner(t.db, p.id, { commissionPlanId: plan.id }, admin);
    await convert(p, -0.01);
    await Promise.all(Array.from({ length: 5 }, () => recordTierChanges(t.db, clock(0).now)));
    expect(await tierEvents(p.id)).toHaveLength(1);
  });
});
