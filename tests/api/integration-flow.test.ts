import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as leads from "@/app/api/v1/leads/route";
import * as linkToLead from "@/app/api/v1/referrals/[id]/link-to-lead/route";
import * as conversion from "@/app/api/v1/referrals/[id]/process-conversion/route";
import * as referral from "@/app/api/v1/referrals/[id]/route";
import * as referrals from "@/app/api/v1/referrals/route";
import * as payment from "@/app/api/v1/rewards/[id]/process-payment/route";
import * as partners from "@/app/api/v1/partners/route";
import { events, payouts, rewards } from "@/db/schema";
import { conversionJson, createdPartnerJson, paymentJson, referralJson } from "@/lib/api/response-schemas";
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { apiLeadBody } from "../helpers/api-fixtures";
import { call, apiSuite } from "../helpers/http";

/**
 * The integration flow of docs/api.md#the-integration-flow, in its order and with its exact bodies, over HTTP
 * with an admin token and the default settings (no hold period).
 */
describe("the documented integration flow, verbatim", () => {
  const { t, admin } = apiSuite({ admin: true });

  it("partner → referral → link-to-lead → process-conversion → reward from the rate → process-payment", async () => {
    const headers = admin.headers;

    // Create a new partner: 201 with the partner and its referral code.
    const p = await call(partners.POST, "POST /api/v1/partners", {
      headers,
      body: '{"firstName":"John","lastName":"Doe","email":"john@example.com","phone":"1234567890","companyName":"Insurance Partners"}',
    });
    expect(p.status).toBe(201);
    expect(p.body.referralCode).toMatch(/^JOHDOE\d{4}$/);
    // No rate given: no override, the default plan's rates apply (10 % on a fresh program).
    expect(p.body).toMatchObject({ status: "ACTIVE", commissionRateBps: null, commissionPlanId: null });
    // Every answer has the documented shape (the OpenAPI document uses these schemas).
    createdPartnerJson.parse(p.body);

    // Create referral when lead is referred.
    const r = await call(referrals.POST, "POST /api/v1/referrals", {
      headers,
      body: JSON.stringify({ partnerId: p.body.id, referralCode: p.body.referralCode, source: "website" }),
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      partnerId: p.body.id,
      referralCode: p.body.referralCode,
      source: "WEBSITE",
      status: "PENDING",
      leadId: null,
    });
    referralJson.parse(r.body);

    // The lead, made with POST /api/v1/leads (the public lead body).
    const lead = await call(leads.POST, "POST /api/v1/leads", {
      headers,
      body: apiLeadBody({ insuranceType: "AUTO" }),
    });
    expect(lead.status).toBe(201);
    const leadId: string = lead.body.id;

    // Link referral to lead when lead is created.
    const linked = await call(linkToLead.POST, "POST /api/v1/referrals/[id]/link-to-lead", {
      params: { id: r.body.id },
      headers,
      body: JSON.stringify({ leadId }),
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ status: "ACCEPTED", leadId });

    // Process conversion when lead converts: the reward is calculated from the partner's rate (10 % of 1,000.00).
    const conv = await call(conversion.POST, "POST /api/v1/referrals/[id]/process-conversion", {
      params: { id: r.body.id },
      headers,
      body: '{\n  "conversionValue": 1000.0\n}',
    });
    expect(conv.status).toBe(201);
    conversionJson.parse(conv.body);
    expect(conv.body.referral).toMatchObject({
      id: r.body.id,
      status: "CONVERTED",
      conversionValueCents: 100_000,
      currency: "USD",
    });
    expect(conv.body.reward).toMatchObject({
      referralId: r.body.id,
      type: "CONVERSION",
      status: "CALCULATED",
      amountCents: 10_000,
      baseCents: 100_000,
      rateBps: 1000,
      currency: "USD",
    });

    // Process payment when ready.
    const paid = await call(payment.POST, "POST /api/v1/rewards/[id]/process-payment", {
      params: { id: conv.body.reward.id },
      headers,
      body: '{\n  "paymentMethod": "BANK_TRANSFER",\n  "transactionId": "TXN-12345"\n}',
    });
    expect(paid.status).toBe(201);
    paymentJson.parse(paid.body);
    expect(paid.body.reward).toMatchObject({
      id: conv.body.reward.id,
      status: "PAID",
      paymentMethod: "BANK_TRANSFER",
      transactionId: "TXN-12345",
      amountCents: 10_000,
    });
    expect(paid.body.payout).toMatchObject({
      status: "PAID",
      amountCents: 10_000,
      currency: "USD",
      transactionId: "TXN-12345",
      rewardIds: [conv.body.reward.id],
    });

    // The referral followed its reward; replays answer 200 with the same rows and write nothing new.
    const after = await call(referral.GET, "GET /api/v1/referrals/[id]", { params: { id: r.body.id }, headers });
    expect(after.body).toMatchObject({ status: "PAID", leadId });
    referralJson.parse(after.body);
    expect(after.body.rewards).toEqual([expect.objectContaining({ id: conv.body.reward.id, status: "PAID" })]);
    const again = await call(conversion.POST, "POST /api/v1/referrals/[id]/process-conversion", {
      params: { id: r.body.id },
      headers,
      body: { conversionValue: 1000 },
    });
    expect(again.status).toBe(200);
    expect(again.body.reward.id).toBe(conv.body.reward.id);
    const payAgain = await call(payment.POST, "POST /api/v1/rewards/[id]/process-payment", {
      params: { id: conv.body.reward.id },
      headers,
      body: { paymentMethod: "bank_transfer", transactionId: "TXN-12345" },
    });
    expect(payAgain.status).toBe(200);
    expect(payAgain.body.payout.id).toBe(paid.body.payout.id);
    expect(await t.db.select().from(rewards).where(eq(rewards.referralId, r.body.id))).toHaveLength(1);
    expect(await t.db.select().from(payouts).where(eq(payouts.partnerId, p.body.id))).toHaveLength(1);

    // Every step left its audit event, and the money invariants hold.
    const trail = await t.db
      .select({ action: events.action })
      .from(events)
      .where(and(eq(events.entityType, "referral"), eq(events.entityId, r.body.id)));
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(["referral.accepted", "referral.converted", "referral.paid"]),
    );
    expect(totalViolations(await checkInvariants(t.db))).toBe(0);
  });
});
