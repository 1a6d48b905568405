import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as plans from "@/app/api/v1/commission-plans/route";
import * as one from "@/app/api/v1/commission-plans/[id]/route";
import * as preview from "@/app/api/v1/commission-plans/[id]/preview/route";
import * as partner from "@/app/api/v1/partners/[id]/route";
import * as myPlan from "@/app/api/v1/partners/me/plan/route";
import * as reward from "@/app/api/v1/rewards/[id]/route";
import { commissionPlanVersions, rewards } from "@/db/schema";
import { rewardJson } from "@/lib/api/response-schemas";
import { partnerPlanJson, planJson, planListJson, previewJson } from "@/lib/commissions/schemas";
import { captureLead } from "@/lib/leads/service";
import { processConversion } from "@/lib/referrals/service";
import { admin as adminActor, leadBody, visitor } from "../engine/helpers";
import { apiSuite, call } from "../helpers/http";

const PLAN = {
  name: "Agency plan",
  currency: "USD",
  rules: [
    { name: "Everything else", event: "CONVERSION", rateBps: 500 },
    { name: "Auto", event: "CONVERSION", insuranceTypes: ["AUTO"], rateBps: 1500 },
    { name: "Life", event: "CONVERSION", insuranceTypes: ["LIFE"], flatCents: 15_000 },
  ],
  tierBasis: { metric: "CONVERSIONS", window: 90 },
  tiers: [{ name: "Gold", threshold: 10, multiplierBps: 12_000 }],
  bonuses: [{ name: "Five a month", kind: "MONTHLY_CONVERSIONS", target: 5, flatCents: 25_000 }],
};

describe("REST API: commission plans", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 1 });
  const [a] = testPartners;
  let planId = "";

  it("POST creates version 1; GET lists it beside the default plan", async () => {
    const res = await call(plans.POST, "POST /api/v1/commission-plans", { headers: admin.headers, body: PLAN });
    expect(res.status).toBe(201);
    planJson.parse(res.body);
    expect(res.body.current).toMatchObject({
      version: 1,
      document: { rules: [{ id: "rule-1" }, { id: "rule-2" }, { id: "rule-3" }] },
    });
    planId = res.body.id;
    const list = await call(plans.GET, "GET /api/v1/commission-plans", { headers: admin.headers });
    planListJson.parse(list.body);
    expect(list.body.data.map((p: { name: string }) => p.name)).toEqual(["Default plan", "Agency plan"]);
  });

  it.each([
    [{ ...PLAN, colour: "blue" }, "colour"],
    [{ ...PLAN, rules: [{ event: "CONVERSION", rateBps: 100, bogus: 1 }] }, "rules.0.bogus"],
    [{ ...PLAN, rules: [{ event: "QUALIFIED", rateBps: 100 }] }, "rules.0.rateBps"],
    [{ ...PLAN, tierBasis: undefined }, "tierBasis"],
  ])("refuses bad plans with problem+json naming the field (%#)", async (body, path) => {
    const before = (await t.db.select({ n: count() }).from(commissionPlanVersions))[0].n;
    const res = await call(plans.POST, "POST /api/v1/commission-plans", { headers: admin.headers, body });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await t.db.select({ n: count() }).from(commissionPlanVersions))[0].n).toBe(before);
  });

  it("PATCH writes a new version and keeps the history; a contradiction is refused", async () => {
    const res = await call(one.PATCH, "PATCH /api/v1/commission-plans/[id]", {
      headers: admin.headers,
      params: { id: planId },
      body: { monthlyCapCents: 500_000 },
    });
    expect(res.status).toBe(200);
    planJson.parse(res.body);
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(res.body.current.document).toMatchObject({
      monthlyCapCents: 500_000,
      rules: PLAN.rules.map(() => expect.any(Object)),
    });
    const bad = await call(one.PATCH, "PATCH /api/v1/commission-plans/[id]", {
      headers: admin.headers,
      params: { id: planId },
      body: { rules: [{ event: "CONVERSION", rateBps: 100, minValueCents: 10, maxValueCents: 1 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("rules.0.maxValueCents");
    const unknown = await call(one.PATCH, "PATCH /api/v1/commission-plans/[id]", {
      headers: admin.headers,
      params: { id: planId },
      body: { isDefault: true },
    });
    expect(unknown.status).toBe(400);
  });

  it("preview computes without writing anything", async () => {
    const before = (await t.db.select({ n: count() }).from(rewards))[0].n;
    const res = await call(preview.POST, "POST /api/v1/commission-plans/[id]/preview", {
      headers: admin.headers,
      params: { id: planId },
      body: { insuranceType: "auto", conversionValueCents: 100_000 },
    });
    expect(res.status).toBe(200);
    previewJson.parse(res.body);
    expect(res.body).toMatchObject({
      amountCents: 15_000,
      explanation: "15 % of $1,000.00 first-year premium (Auto) = $150.00",
    });
    // With a partner: their override (the test partner has 10 %) replaces the percentage.
    const theirs = await call(preview.POST, "POST /api/v1/commission-plans/[id]/preview", {
      headers: admin.headers,
      params: { id: planId },
      body: { insuranceType: "auto", conversionValueCents: 100_000, partnerId: a.partner.id },
    });
    expect(theirs.body.explanation).toBe("10 % (your rate) of $1,000.00 first-year premium (Auto) = $100.00");
    expect((await t.db.select({ n: count() }).from(rewards))[0].n).toBe(before);
  });

  it("PATCH /partners/{id} assigns the plan (admins only); the partner's reward shows its calculation", async () => {
    const refused = await call(partner.PATCH, "PATCH /api/v1/partners/[id]", {
      headers: a.headers,
      params: { id: a.partner.id },
      body: { commissionPlanId: planId },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe("commissionPlanId");
    const res = await call(partner.PATCH, "PATCH /api/v1/partners/[id]", {
      headers: admin.headers,
      params: { id: a.partner.id },
      body: { commissionPlanId: planId, commissionRateBps: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ commissionPlanId: planId, commissionRateBps: null });

    const { referral } = await captureLead(t.db, leadBody({ referralCode: a.code, insuranceType: "life" }), {
      actor: visitor,
      channel: "FORM",
    });
    const conv = await processConversion(t.db, referral!.id, { conversionValue: "1000.00" }, adminActor);
    const got = await call(reward.GET, "GET /api/v1/rewards/[id]", {
      headers: a.headers,
      params: { id: conv.reward.id },
    });
    expect(got.status).toBe(200);
    rewardJson.parse(got.body);
    expect(got.body.calculation).toMatchObject({
      planId,
      planVersion: 2,
      ruleId: "rule-3",
      amountCents: 15_000,
      explanation: "$150.00 flat (Life) = $150.00",
    });
  });

  it("GET /partners/me/plan: the plan in words, tier progress, goals and badges", async () => {
    const res = await call(myPlan.GET, "GET /api/v1/partners/me/plan", { headers: a.headers });
    expect(res.status).toBe(200);
    partnerPlanJson.parse(res.body);
    expect(res.body.plan).toMatchObject({ id: planId, name: "Agency plan", version: 2 });
    expect(res.body.rules.map((r: { description: string }) => r.description)).toEqual([
      "5 % of first-year premium on all policies sold",
      "15 % of first-year premium on Auto policies sold",
      "$150.00 flat on Life policies sold",
    ]);
    expect(res.body.tier).toMatchObject({
      metric: "CONVERSIONS",
      value: 1,
      current: null,
      next: { name: "Gold", remaining: 9 },
    });
    expect(res.body.goals).toEqual([
      expect.objectContaining({ name: "Five a month", target: 5, progress: 1, reached: false }),
    ]);
    expect(res.body.badges.map((b: { id: string }) => b.id)).toEqual(["first-referral", "first-conversion"]);
    const asAdmin = await call(myPlan.GET, "GET /api/v1/partners/me/plan", { headers: admin.headers });
    expect(asAdmin.status).toBe(403);
  });
});
