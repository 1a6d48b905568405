import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as policyEvents } from "@/app/api/v1/leads/[id]/policy-events/route";
import { GET as compensation } from "@/app/api/v1/reports/compensation/route";
import { POST as inbound } from "@/app/api/v1/webhooks/leads/route";
import { systemActor } from "@/lib/audit/actor";
import { licencesInputSchema, setPartnerLicences } from "@/lib/compliance/licences";
import { leadInputSchema } from "@/lib/leads/schemas";
import { captureLead } from "@/lib/leads/service";
import { updatePartner } from "@/lib/partners/service";
import { createPayoutBatch, markPayoutPaid } from "@/lib/payouts/service";
import { processConversion } from "@/lib/referrals/service";
import { approveReward, createManualReward } from "@/lib/rewards/service";
import { rotateInboundSecret } from "@/lib/webhooks/inbound-secret";
import { call, setupApiTest, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";
import { signedRequest } from "../webhooks/sign";

let t: ApiTest;
let admin: TestUser;
let a: TestPartner;
const actor = systemActor("test");
const route = "POST /api/v1/leads/[id]/policy-events";

beforeAll(async () => {
  t = await setupApiTest();
  admin = await t.admin();
  a = await t.partner();
  await updatePartner(t.db, a.partner.id, { npn: "17500001" }, actor);
  const adminActor = { type: "USER" as const, id: admin.user.id, label: "admin", role: "ADMIN" as const };
  await setPartnerLicences(
    t.db,
    a.partner.id,
    licencesInputSchema.parse([
      {
        state: "NY",
        number: "NY-123",
        lines: ["LIFE_HEALTH"],
        expiresOn: "2030-12-31",
        verified: true,
        evidenceNote: "checked",
      },
    ]),
    adminActor,
  );
});
afterAll(() => t.close());

let n = 0;
async function convertedLead(o: { state?: string; externalId?: string } = {}) {
  const { lead, referral } = await captureLead(
    t.db,
    leadInputSchema.parse({
      firstName: "Pol",
      lastName: `Holder ${++n}`,
      email: `policy.api${n}@example.com`,
      insuranceType: "LIFE",
      state: o.state ?? "NY",
      referralCode: a.code,
      externalId: o.externalId,
      consent: { given: true, textVersion: "t-1" },
    }),
    { actor, channel: "API" },
  );
  const { reward } = await processConversion(t.db, referral!.id, { conversionValue: "1000.00" }, actor);
  return { lead, referral: referral!, reward };
}

/** A manual bonus for partner a, approved at once so that the next batch pays it. */
async function approvedBonus(amountCents: number, reason: string) {
  const bonus = await createManualReward(t.db, { partnerId: a.partner.id, type: "BONUS", amountCents, reason }, actor);
  await approveReward(t.db, bonus.id, {}, actor);
}

describe("POST /api/v1/leads/{id}/policy-events", () => {
  it("records an event (201), replays it (200), refuses a changed replay (409) and bad bodies naming the field", async () => {
    const { lead } = await convertedLead();
    const body = { type: "issued", effectiveDate: "2026-02-01", termDays: 365, policyNumber: "L-1001" };
    const first = await call(policyEvents, route, { params: { id: lead.id }, body, headers: admin.headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ leadId: lead.id, type: "ISSUED", effectiveDate: "2026-02-01", channel: "API" });
    const again = await call(policyEvents, route, { params: { id: lead.id }, body, headers: admin.headers });
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    const changed = await call(policyEvents, route, {
      params: { id: lead.id },
      body: { ...body, termDays: 180 },
      headers: admin.headers,
    });
    expect(changed.status).toBe(409);
    const bad = await call(policyEvents, route, {
      params: { id: lead.id },
      body: { type: "LAPSED", effectiveDate: "2026-02-30", extra: 1 },
      headers: admin.headers,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["effectiveDate", "extra", "type"]);
    const partner = await call(policyEvents, route, { params: { id: lead.id }, body, headers: a.headers });
    expect(partner.status).toBe(403);
  });

  it("takes the inbound CRM types policy.issued, policy.cancelled and policy.renewed", async () => {
    const { lead, reward } = await convertedLead({ externalId: "CRM-POL-1" });
    const secret = await rotateInboundSecret(t.db, actor);
    const send = async (type: string, data: Record<string, unknown>) => {
      const req = signedRequest(secret, { type, data: { externalId: "CRM-POL-1", crmField: "kept", ...data } });
      return call(inbound, "POST /api/v1/webhooks/leads", { body: req.body, headers: Object.fromEntries(req.headers) });
    };
    const today = new Date().toISOString().slice(0, 10);
    const issued = await send("policy.issued", { effectiveDate: today, termDays: 365 });
    expect(issued.status).toBe(200);
    expect(issued.body.result).toMatchObject({ leadId: lead.id, created: true, outcome: { action: "RECORDED" } });
    const day5 = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const cancelled = await send("policy.cancelled", { effectiveDate: day5 });
    expect(cancelled.body.result.outcome).toMatchObject({
      action: "REWARD_CANCELLED",
      rewardId: reward.id,
      amountCents: 10_000,
    });
    const renewed = await send("policy.renewed", { effectiveDate: "2030-01-01" });
    expect(renewed.body.result.outcome.action).toBe("NONE"); // the default plan has no renewal rule
  });
});

describe("GET /api/v1/reports/compensation", () => {
  it("lists every reward and clawback with partner, lead, rule and payout; sums per payout equal the payouts", async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const paid = await convertedLead();
    const unlicensed = await convertedLead({ state: "TX" });
    for (const r of [paid.reward, unlicensed.reward])
      await approveReward(t.db, r.id, { override: true, reason: "test" }, actor);
    await approvedBonus(2_500, "Welcome");
    const first = await createPayoutBatch(t.db, { partnerIds: [a.partner.id], minimumCents: 0 }, actor);
    await markPayoutPaid(
      t.db,
      first.payouts[0].id,
      { paymentMethod: "OTHER", transactionId: `comp-${Date.now()}` },
      actor,
    );
    // Day 100 of 365 after the payout: a pro-rata clawback of the paid reward, netted in the next payout.
    const issuedOn = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    await call(policyEvents, route, {
      params: { id: paid.lead.id },
      body: { type: "ISSUED", effectiveDate: issuedOn, termDays: 365 },
      headers: admin.headers,
    });
    const cancel = await call(policyEvents, route, {
      params: { id: paid.lead.id },
      body: { type: "CANCELLED", effectiveDate: today },
      headers: admin.headers,
    });
    expect(cancel.body.outcome).toMatchObject({ action: "CLAWBACK", amountCents: 7_260 });
    await approvedBonus(10_000, "Q2");
    const second = await createPayoutBatch(t.db, { partnerIds: [a.partner.id], minimumCents: 0 }, actor);
    expect(second.payouts[0].amountCents).toBe(10_000 - 7_260);

    const to = new Date(Date.now() + 60_000).toISOString();
    const json = await call(compensation, "GET /api/v1/reports/compensation", {
      query: { from, to },
      headers: admin.headers,
    });
    expect(json.status).toBe(200);
    const rows: Record<string, unknown>[] = json.body.data;
    const byId = new Map(rows.map((r) => [r.rewardId, r]));
    expect(byId.get(paid.reward.id)).toMatchObject({
      type: "CONVERSION",
      status: "PAID",
      partnerName: expect.stringContaining(a.partner.lastName),
      npn: "17500001",
      licenceStatus: "LICENSED",
      licenceNumber: "NY-123",
      leadId: paid.lead.id,
      line: "LIFE",
      state: "NY",
      planName: expect.any(String),
      planVersion: 1,
      ruleId: expect.any(String),
      baseCents: 100_000,
      amountCents: 10_000,
      payoutId: first.payouts[0].id,
      payoutStatus: "PAID",
    });
    expect(byId.get(unlicensed.reward.id)).toMatchObject({ licenceStatus: "NO_LICENCE", state: "TX" });
    const claw = rows.find((r) => r.type === "CLAWBACK")!;
    expect(claw).toMatchObject({
      clawsBackRewardId: paid.reward.id,
      amountCents: -7_260,
      payoutId: second.payouts[0].id,
      paidAt: null,
    });
    expect(claw.rule).toBe("Cancelled on day 100 of 365: 265/365 of $100.00 unearned = $72.60 taken back");
    // Reconciliation: the rows of each payout add up to the payout.
    for (const p of [first.payouts[0], second.payouts[0]]) {
      const sum = rows.filter((r) => r.payoutId === p.id).reduce((s, r) => s + Number(r.amountCents), 0);
      expect(sum).toBe(p.amountCents);
    }
    const csv = await call(compensation, "GET /api/v1/reports/compensation", {
      query: { from, to, format: "csv" },
      headers: admin.headers,
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (csv.body as string).trim().split("\r\n");
    expect(lines[0]).toBe(
      "rewardId,type,status,eventAt,partnerId,partnerName,npn,licenceStatus,licenceNumber,leadId,line,state,planName,planVersion,ruleId,rule,clawsBackRewardId,baseCents,amountCents,currency,payoutId,payoutStatus,paidAt",
    );
    expect(lines).toHaveLength(rows.length + 1);
    const bad = await call(compensation, "GET /api/v1/reports/compensation", {
      query: { from: to, to: from },
      headers: admin.headers,
    });
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, "to"]);
  });
});
