import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { PATCH as leadStatus } from "@/app/api/v1/leads/[id]/route";
import { rewards } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { createPlan } from "@/lib/commissions/plans";
import { planInputSchema } from "@/lib/commissions/schemas";
import { setPartnerLicences } from "@/lib/compliance/licences";
import { licencesInputSchema } from "@/lib/compliance/licences/schemas";
import { EXAMPLE_LICENCE_STATE_RULES, type LicenceStateRule } from "@/lib/compliance/state-rules";
import { changeLeadStatus } from "@/lib/leads/service";
import { updateSettings } from "@/lib/settings/update";
import { insertLead, insertReferral } from "../helpers/api-fixtures";
import { call, setupApiTest, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";

let t: ApiTest;
let admin: TestUser;
const actor = systemActor("test");
const d = (s: string) => new Date(s);

beforeAll(async () => {
  t = await setupApiTest();
  admin = await t.admin();
});
afterAll(() => t.close());

/** The example table with the given states switched on. */
const rulesOn = (...states: string[]): LicenceStateRule[] =>
  EXAMPLE_LICENCE_STATE_RULES.map((r) => ({ ...r, enforced: states.includes(r.state) }));

async function referredLead(p: TestPartner, lead: Parameters<typeof insertLead>[1]) {
  const l = await insertLead(t.db, lead);
  const r = await insertReferral(
    t.db,
    { id: p.partner.id, code: p.code },
    { leadId: l.id, createdAt: d("2026-01-01T00:00:00Z") },
  );
  return { lead: l, referral: r };
}
const rewardsOf = (referralId: string) => t.db.select().from(rewards).where(eq(rewards.referralId, referralId));
const patch = (id: string, body: object) =>
  call(leadStatus, "PATCH /api/v1/leads/[id]", { params: { id }, body, headers: admin.headers });

/** A new partner on a new USD plan made of `plan` (name, rules, fees). */
async function partnerOnPlan(plan: Record<string, unknown>) {
  const made = await createPlan(t.db, planInputSchema.parse({ currency: "USD", ...plan }), actor);
  const p = await t.partner();
  const { updatePartner } = await import("@/lib/partners/service");
  await updatePartner(t.db, p.partner.id, { commissionPlanId: made.plan.id }, actor);
  return p;
}

describe("licence-aware rewards", () => {
  it("ships switched off: an unlicensed partner's NY lead converts and pays as today", async () => {
    await updateSettings(t.db, actor, { unlicensedReferralFeeCents: 2500 });
    const p = await t.partner();
    const { lead, referral } = await referredLead(p, { state: "NY", insuranceType: "LIFE" });
    expect((await patch(lead.id, { status: "QUALIFIED" })).status).toBe(200);
    expect((await patch(lead.id, { status: "CONVERTED", conversionValueCents: 100_000 })).status).toBe(200);
    const rows = await rewardsOf(referral.id);
    expect(rows.map((r) => [r.type, r.status, r.amountCents])).toEqual([["CONVERSION", "CALCULATED", 10_000]]);
  });

  it("NY switched on: the unlicensed partner's life lead earns the flat fee when it qualifies, no percentage when it converts", async () => {
    await updateSettings(t.db, actor, { licenceStateRules: rulesOn("NY"), unlicensedReferralFeeCents: 2500 });
    const p = await t.partner();
    const { lead, referral } = await referredLead(p, { state: "NY", insuranceType: "LIFE" });
    const q = await patch(lead.id, { status: "QUALIFIED" });
    expect(q.body.referralChange).toMatchObject({ to: "ACCEPTED", qualificationRewardId: expect.any(String) });
    await patch(lead.id, { status: "QUOTED" });
    await patch(lead.id, { status: "CONVERTED", conversionValueCents: 100_000 });
    const rows = await rewardsOf(referral.id);
    const fee = rows.find((r) => r.type === "REFERRAL_FEE")!;
    const conv = rows.find((r) => r.type === "CONVERSION")!;
    expect(rows).toHaveLength(2);
    expect(fee).toMatchObject({ status: "CALCULATED", amountCents: 2500, uniqueKey: `qualified:${referral.id}` });
    expect(fee.calculation!.explanation).toBe(
      "unlicensed in NY: flat referral fee, not contingent on purchase = $25.00 (no licence in NY)",
    );
    expect(fee.calculation!.licence).toEqual({
      ruleState: "NY",
      why: "no licence in NY",
      feeSource: "PROGRAM",
      nonCashRequired: false,
    });
    expect(conv).toMatchObject({ status: "CANCELLED", amountCents: 0, rateBps: null });
    expect(conv.cancelReason).toBe(
      "unlicensed in NY: no reward contingent on purchase; the flat referral fee is earned when the lead qualifies (no licence in NY)",
    );
  });

  it("a verified licence for the lead's line pays as the plan says; another line or an expired licence does not", async () => {
    await updateSettings(t.db, actor, { licenceStateRules: rulesOn("NY"), unlicensedReferralFeeCents: 2500 });
    const p = await t.partner();
    const lic = licencesInputSchema.parse([
      { state: "NY", lines: ["LIFE_HEALTH"], expiresOn: "2030-12-31", verified: true },
    ]);
    await setPartnerLicences(t.db, p.partner.id, lic, actor, { now: d("2026-01-01T00:00:00Z") });
    const life = await referredLead(p, { state: "NY", insuranceType: "LIFE" });
    await patch(life.lead.id, { status: "CONVERTED", conversionValueCents: 100_000 });
    expect((await rewardsOf(life.referral.id)).map((r) => [r.type, r.amountCents])).toEqual([["CONVERSION", 10_000]]);
    const auto = await referredLead(p, { state: "NY", insuranceType: "AUTO" });
    await patch(auto.lead.id, { status: "QUALIFIED" });
    const [fee] = await rewardsOf(auto.referral.id);
    expect(fee.calculation!.explanation).toContain("the NY licence does not cover property and casualty");
    const expired = licencesInputSchema.parse([
      { state: "NY", lines: ["LIFE_HEALTH"], expiresOn: "2026-02-28", verified: true },
    ]);
    const q = await t.partner();
    await setPartnerLicences(t.db, q.partner.id, expired, actor, { now: d("2026-01-01T00:00:00Z") });
    const late = await referredLead(q, { state: "NY", insuranceType: "HEALTH" });
    await changeLeadStatus(t.db, late.lead.id, { status: "CONVERTED", conversionValueCents: 50_000 }, actor, {
      now: d("2026-03-01T00:00:00Z"),
    });
    const lateRows = await rewardsOf(late.referral.id);
    expect(lateRows.map((r) => [r.type, r.status, r.amountCents]).sort()).toEqual([
      ["CONVERSION", "CANCELLED", 0],
      ["REFERRAL_FEE", "CALCULATED", 2500],
    ]);
    expect(lateRows.find((r) => r.type === "REFERRAL_FEE")!.calculation!.licence!.why).toBe(
      "the NY licence expired on 2026-02-28",
    );
  });

  it("a lead with no state follows the program default (today's behaviour)", async () => {
    await updateSettings(t.db, actor, { licenceStateRules: rulesOn("NY", "WA", "CA", "FL", "TX") });
    const p = await t.partner();
    const { lead, referral } = await referredLead(p, { state: null, insuranceType: "AUTO" });
    await patch(lead.id, { status: "QUALIFIED" });
    await patch(lead.id, { status: "CONVERTED", conversionValueCents: 20_000 });
    expect((await rewardsOf(referral.id)).map((r) => [r.type, r.amountCents])).toEqual([["CONVERSION", 2000]]);
  });

  it("a state that allows no unlicensed fee records why, and pays nothing", async () => {
    await updateSettings(t.db, actor, { licenceStateRules: rulesOn("FL"), unlicensedReferralFeeCents: 2500 });
    const p = await t.partner();
    const { lead, referral } = await referredLead(p, { state: "FL", insuranceType: "HOME" });
    await patch(lead.id, { status: "QUALIFIED" });
    const [fee] = await rewardsOf(referral.id);
    expect(fee).toMatchObject({ type: "REFERRAL_FEE", status: "CANCELLED", amountCents: 0 });
    expect(fee.cancelReason).toBe(
      "unlicensed in FL: no referral fee may be paid to an unlicensed partner (no licence in FL)",
    );
  });

  it("the plan's fee wins over the program's, and the per-referral maximum caps it", async () => {
    await updateSettings(t.db, actor, { licenceStateRules: rulesOn("CA"), unlicensedReferralFeeCents: 2500 });
    const p = await partnerOnPlan({
      name: "Fee plan",
      rules: [{ event: "CONVERSION", rateBps: 1000 }],
      unlicensedReferralFeeCents: 7500,
    });
    const { lead, referral } = await referredLead(p, { state: "CA", insuranceType: "LIFE" });
    await patch(lead.id, { status: "QUALIFIED" });
    const [fee] = await rewardsOf(referral.id);
    expect(fee.amountCents).toBe(5000);
    expect(fee.calculation!.explanation).toBe(
      "unlicensed in CA: flat referral fee, not contingent on purchase = $75.00, capped at $50.00 per referral (no licence in CA)",
    );
  });

  it("the plan's QUALIFIED rule pays a lead fee once per referral, in the qualification's transaction", async () => {
    await updateSettings(t.db, actor, { licenceStateRules: rulesOn() });
    const p = await partnerOnPlan({
      name: "Lead fee plan",
      rules: [
        { event: "QUALIFIED", flatCents: 1500 },
        { event: "CONVERSION", rateBps: 1000 },
      ],
    });
    const { lead, referral } = await referredLead(p, { state: "NY", insuranceType: "AUTO" });
    await patch(lead.id, { status: "QUALIFIED" });
    await patch(lead.id, { status: "CONTACTED" });
    await patch(lead.id, { status: "QUALIFIED" });
    await patch(lead.id, { status: "CONVERTED", conversionValueCents: 10_000 });
    const rows = await rewardsOf(referral.id);
    expect(rows.map((r) => [r.type, r.amountCents]).sort()).toEqual([
      ["CONVERSION", 1000],
      ["LEAD", 1500],
    ]);
    expect(rows.find((r) => r.type === "LEAD")!.calculation!.explanation).toBe(
      "$15.00 per qualified lead (Auto, NY) = $15.00",
    );
  });
});

describe("the annual cap per referred person (WA: $100 a person a year), with real dates", () => {
  // One person (same e-mail) referred by different partners; the fee is $60, at most $100 per referral.
  const cases: [qualifiedAt: string, amount: number, capped: string | null][] = [
    ["2026-03-01T10:00:00Z", 6000, null],
    [
      "2026-11-01T10:00:00Z",
      4000,
      "limited to $40.00 by the $100.00 annual cap per referred person ($60.00 already earned for this person in 2026)",
    ],
    [
      "2026-12-31T23:59:59Z",
      0,
      "limited to $0.00 by the $100.00 annual cap per referred person ($100.00 already earned for this person in 2026: cap reached)",
    ],
    ["2027-01-01T00:00:00Z", 6000, null],
  ];
  it("fills the year up to the cap, explains it, never exceeds it, and starts again on 1 January", async () => {
    await updateSettings(t.db, actor, { licenceStateRules: rulesOn("WA"), unlicensedReferralFeeCents: 6000 });
    const email = "wa.person@example.com";
    for (const [at, amount, capped] of cases) {
      const p = await t.partner();
      const { lead, referral } = await referredLead(p, { state: "WA", insuranceType: "HOME", email });
      await changeLeadStatus(t.db, lead.id, { status: "QUALIFIED" }, actor, { now: d(at) });
      const [fee] = await t.db
        .select()
        .from(rewards)
        .where(and(eq(rewards.referralId, referral.id), eq(rewards.type, "REFERRAL_FEE")));
      expect([at, fee.amountCents]).toEqual([at, amount]);
      expect(fee.status).toBe(amount > 0 ? "CALCULATED" : "CANCELLED");
      if (capped) expect(fee.calculation!.explanation).toContain(capped);
      else expect(fee.calculation!.capApplied).toBeNull();
    }
  });
});
