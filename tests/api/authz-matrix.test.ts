/**
 * The authorization matrix: every /api/v1 route × every kind of caller → expected status.
 *
 * ADDING YOUR ROUTE: add one row to ROUTES below (keep rows grouped by resource). A test fails while a
 * route file exports a method that has no row, or a row names a method that no route file exports.
 *
 *   route:   "METHOD /api/v1/path/[param]"   exactly the folder path under app/, [segments] kept
 *   expect:  [anon, partnerA, partnerB, admin, adminKey, partnerKey]   statuses, in this order
 *   setup:   optional (fx, who) => ({ params?, body?, query? }), run before each cell: create the rows the call
 *            needs (partner A owns them unless the row says otherwise; fx.t.db is the database).
 *
 * Callers: anonymous (no credentials), partner A and partner B (bearer tokens of partner users), admin
 * (bearer token), an admin API key, and a partner API key that belongs to partner A. "partner B → 404" is
 * the ownership rule; admin-only routes answer 403 to every partner before looking at ids.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { leads, partners, payoutBatches, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { createApiKey } from "@/lib/auth/api-keys";
import { createPlan } from "@/lib/commissions/plans";
import { planInputSchema } from "@/lib/commissions/schemas";
import { leadInputSchema } from "@/lib/leads/schemas";
import { captureLead } from "@/lib/leads/service";
import { saveTaxForm } from "@/lib/tax/forms";
import { taxFormInputSchema } from "@/lib/tax/schemas";
import { insertLead, insertPayout, insertReferral, insertReward } from "../helpers/api-fixtures";
import { call, setupApiTest, TEST_PASSWORD, type ApiTest, type TestPartner, type TestUser } from "../helpers/http";

const WHO = ["anon", "partnerA", "partnerB", "admin", "adminKey", "partnerKey"] as const;
type Who = (typeof WHO)[number];
type Statuses = [anon: number, partnerA: number, partnerB: number, admin: number, adminKey: number, partnerKey: number];

interface Fixtures {
  t: ApiTest;
  admin: TestUser;
  partnerA: TestPartner;
  partnerB: TestPartner;
  headers: Record<Who, Record<string, string>>;
}
interface Call {
  params?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
}
interface Row {
  route: string;
  expect: Statuses;
  setup?: (fx: Fixtures, who: Who) => Promise<Call> | Call;
}

let matrixLeads = 0;
const matrixLeadBody = (who: string) => ({
  firstName: "Matrix",
  lastName: who,
  email: `matrix-${who}-${++matrixLeads}@example.com`,
  insuranceType: "AUTO",
  consent: { given: true, textVersion: "matrix" },
});
/** A lead referred by partner A (a fresh one per cell, so status changes do not interfere). */
async function leadOfPartnerA(fx: Fixtures, who: string): Promise<string> {
  const input = leadInputSchema.parse({ ...matrixLeadBody(who), referralCode: fx.partnerA.code });
  return (await captureLead(fx.t.db, input, { actor: systemActor("matrix"), channel: "API" })).lead.id;
}

const matrixPlanBody = { name: "Matrix plan", currency: "USD", rules: [{ event: "CONVERSION", rateBps: 1000 }] };
const matrixPlan = async (fx: Fixtures) =>
  (await createPlan(fx.t.db, planInputSchema.parse(matrixPlanBody), systemActor("matrix"))).plan.id;

// prettier-ignore
const ROUTES: Row[] = [
  // ── accounts (auth, API keys) ────────────────────────────────────────────────────────────────────
  { route: "POST /api/v1/auth/token", expect: [200, 200, 200, 200, 200, 200],
    setup: (fx) => ({ body: { email: fx.admin.user.email, password: TEST_PASSWORD } }) },
  { route: "POST /api/v1/auth/invitations", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx) => ({ body: { partnerId: (await fx.t.db.insert(partners).values({ firstName: "In", lastName: "Vited", email: `invite-${randomUUID()}@test.example` }).returning())[0].id } }) },
  { route: "POST /api/v1/auth/password-resets", expect: [401, 403, 403, 201, 201, 403],
    setup: (fx) => ({ body: { email: fx.partnerB.user.email } }) },
  { route: "GET /api/v1/openapi.json", expect: [200, 200, 200, 200, 200, 200] },
  // ── the caller's own inbox (API keys belong to no user) ──────────────────────────────────────────
  { route: "GET /api/v1/notifications", expect: [401, 200, 200, 200, 403, 403] },
  { route: "POST /api/v1/notifications/read", expect: [401, 200, 200, 200, 403, 403],
    setup: () => ({ body: { all: true } }) },
  { route: "GET /api/v1/api-keys", expect: [401, 403, 403, 200, 200, 403] },
  { route: "POST /api/v1/api-keys", expect: [401, 403, 403, 201, 201, 403],
    setup: () => ({ body: { name: "matrix", role: "ADMIN" } }) },
  { route: "DELETE /api/v1/api-keys/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await createApiKey(fx.t.db, { name: "to revoke", role: "ADMIN" }, systemActor("matrix"))).id } }) },
  // ── lead capture (leads, public code validation) ─────────────────────────────────────────────────
  { route: "GET /api/v1/leads", expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/v1/leads", expect: [401, 201, 201, 201, 201, 201],
    setup: (_fx, who) => ({ body: matrixLeadBody(who) }) },
  { route: "GET /api/v1/leads/[id]", expect: [401, 200, 404, 200, 200, 200],
    setup: async (fx, who) => ({ params: { id: await leadOfPartnerA(fx, who) } }) },
  { route: "PATCH /api/v1/leads/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx, who) => ({ params: { id: await leadOfPartnerA(fx, who) }, body: { status: "CONTACTED" } }) },
  { route: "GET /api/v1/leads/[id]/consent-evidence", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx, who) => ({ params: { id: await leadOfPartnerA(fx, who) } }) },
  { route: "POST /api/v1/leads/[id]/policy-events", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx, who) => ({ params: { id: await leadOfPartnerA(fx, who) }, body: { type: "ISSUED", effectiveDate: "2026-01-10" } }) },
  { route: "GET /api/v1/partners/validate-referral-code", expect: [200, 200, 200, 200, 200, 200],
    setup: (fx) => ({ query: { code: fx.partnerA.code } }) },
  { route: "POST /api/v1/partners/validate-referral-code", expect: [200, 200, 200, 200, 200, 200],
    setup: (fx) => ({ body: { code: fx.partnerA.code } }) },
  // ── api: partners ─────────────────────────────────────────────────────────────────────────────────
  { route: "GET /api/v1/partners", expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/v1/partners", expect: [401, 403, 403, 201, 201, 403],
    setup: (_fx, who) => ({ body: { firstName: "Matrix", lastName: "Partner", email: `matrix-${who}-${Date.now()}@example.com` } }) },
  { route: "GET /api/v1/partners/[id]", expect: [401, 200, 404, 200, 200, 200], setup: (fx) => ({ params: { id: fx.partnerA.partner.id } }) },
  { route: "PATCH /api/v1/partners/[id]", expect: [401, 200, 404, 200, 200, 200],
    setup: (fx) => ({ params: { id: fx.partnerA.partner.id }, body: { companyName: "Matrix Agency" } }) },
  { route: "PUT /api/v1/partners/[id]/licenses", expect: [401, 403, 403, 200, 200, 403],
    setup: (fx) => ({ params: { id: fx.partnerA.partner.id }, body: [{ state: "NY", lines: ["LIFE_HEALTH"], expiresOn: "2030-12-31", verified: true }] }) },
  { route: "DELETE /api/v1/partners/[id]", expect: [401, 403, 403, 200, 200, 403], setup: async (fx) => ({ params: { id: (await fx.t.partner()).partner.id } }) },
  { route: "GET /api/v1/partners/me", expect: [401, 200, 200, 403, 403, 200] },
  { route: "GET /api/v1/partners/me/plan", expect: [401, 200, 200, 403, 403, 200] },
  { route: "GET /api/v1/partners/me/tax-form", expect: [401, 200, 200, 403, 403, 200],
    setup: async (fx) => { await taxFormsOfAB(fx); return {}; } },
  { route: "PUT /api/v1/partners/me/tax-form", expect: [401, 200, 200, 403, 403, 200], setup: () => ({ body: matrixW9 }) },
  { route: "GET /api/v1/partners/[id]/tax-form", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => { await taxFormsOfAB(fx); return { params: { id: fx.partnerA.partner.id } }; } },
  { route: "GET /api/v1/partners/statistics", expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/v1/partners/top", expect: [401, 403, 403, 200, 200, 403] },
  { route: "POST /api/v1/partners/[id]/status", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await fx.t.partner()).partner.id }, body: { status: "INACTIVE" } }) },
  { route: "POST /api/v1/partners/[id]/regenerate-code", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await fx.t.partner()).partner.id } }) },
  { route: "GET /api/v1/partners/[id]/performance", expect: [401, 200, 404, 200, 200, 200], setup: (fx) => ({ params: { id: fx.partnerA.partner.id } }) },
  { route: "GET /api/v1/partners/[id]/referrals", expect: [401, 200, 404, 200, 200, 200], setup: (fx) => ({ params: { id: fx.partnerA.partner.id } }) },
  { route: "GET /api/v1/partners/[id]/rewards", expect: [401, 200, 404, 200, 200, 200], setup: (fx) => ({ params: { id: fx.partnerA.partner.id } }) },
  { route: "GET /api/v1/partners/[id]/payouts", expect: [401, 200, 404, 200, 200, 200], setup: (fx) => ({ params: { id: fx.partnerA.partner.id } }) },
  // ── api: referrals ────────────────────────────────────────────────────────────────────────────────
  { route: "GET /api/v1/referrals", expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/v1/referrals", expect: [401, 201, 404, 201, 201, 201],
    setup: (fx) => ({ body: { partnerId: fx.partnerA.partner.id, referralCode: fx.partnerA.code, source: "website" } }) },
  { route: "GET /api/v1/referrals/[id]", expect: [401, 200, 404, 200, 200, 200], setup: async (fx) => ({ params: { id: (await refA(fx)).id } }) },
  { route: "PATCH /api/v1/referrals/[id]", expect: [401, 200, 404, 200, 200, 200],
    setup: async (fx) => ({ params: { id: (await refA(fx)).id }, body: { notes: "met at the fair" } }) },
  { route: "DELETE /api/v1/referrals/[id]", expect: [401, 200, 404, 200, 200, 200], setup: async (fx) => ({ params: { id: (await refA(fx)).id } }) },
  { route: "POST /api/v1/referrals/[id]/link-to-lead", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await refA(fx)).id }, body: { leadId: (await insertLead(fx.t.db)).id } }) },
  { route: "POST /api/v1/referrals/[id]/accept", expect: [401, 403, 403, 200, 200, 403], setup: async (fx) => ({ params: { id: (await refA(fx)).id } }) },
  { route: "POST /api/v1/referrals/[id]/reject", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await refA(fx)).id }, body: { reason: "duplicate" } }) },
  { route: "POST /api/v1/referrals/[id]/process-conversion", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx) => ({ params: { id: (await refA(fx, "ACCEPTED")).id }, body: { conversionValue: 1000.0 } }) },
  { route: "POST /api/v1/referrals/process-conversion", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx) => ({ body: { referralId: (await refA(fx, "ACCEPTED")).id, conversionValue: "250.50" } }) },
  { route: "POST /api/v1/referrals/check-expired", expect: [401, 403, 403, 200, 200, 403] },
  { route: "GET /api/v1/referrals/statistics", expect: [401, 200, 200, 200, 200, 200] },
  // ── api: rewards ──────────────────────────────────────────────────────────────────────────────────
  { route: "GET /api/v1/rewards", expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/v1/rewards/[id]", expect: [401, 200, 404, 200, 200, 200],
    setup: async (fx) => ({ params: { id: (await insertReward(fx.t.db, fx.partnerA.partner.id)).id } }) },
  { route: "GET /api/v1/rewards/statistics", expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/v1/rewards", expect: [401, 403, 403, 201, 201, 403],
    setup: (fx) => ({ body: { partnerId: fx.partnerA.partner.id, type: "bonus", amountCents: 500, reason: "matrix bonus" } }) },
  { route: "PATCH /api/v1/rewards/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await insertReward(fx.t.db, fx.partnerA.partner.id)).id }, body: { reason: "quarterly bonus" } }) },
  { route: "POST /api/v1/rewards/[id]/approve", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await insertReward(fx.t.db, fx.partnerA.partner.id)).id } }) },
  { route: "POST /api/v1/rewards/[id]/cancel", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await insertReward(fx.t.db, fx.partnerA.partner.id)).id }, body: { reason: "fraud" } }) },
  { route: "POST /api/v1/rewards/[id]/process-payment", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx, who) => ({ params: { id: (await insertReward(fx.t.db, fx.partnerA.partner.id, { status: "APPROVED" })).id }, body: { paymentMethod: "BANK_TRANSFER", transactionId: `M-${who}-${Date.now()}` } }) },
  { route: "POST /api/v1/rewards/process-payment", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx, who) => ({ body: { rewardId: (await insertReward(fx.t.db, fx.partnerA.partner.id, { status: "APPROVED" })).id, paymentMethod: "paypal", transactionId: `B-${who}-${Date.now()}` } }) },
  { route: "POST /api/v1/rewards/bulk-approve", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ body: { rewardIds: [(await insertReward(fx.t.db, fx.partnerA.partner.id)).id] } }) },
  // ── api: fraud review ─────────────────────────────────────────────────────────────────────────────
  { route: "GET /api/v1/review", expect: [401, 403, 403, 200, 200, 403] },
  { route: "POST /api/v1/review/[id]/decision", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: await flaggedReferralOfA(fx) }, body: { decision: "clear", reason: "matrix" } }) },
  // ── api: payouts ──────────────────────────────────────────────────────────────────────────────────
  { route: "GET /api/v1/payouts", expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/v1/payouts", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx) => {
      const p = await fx.t.partner();
      await insertReward(fx.t.db, p.partner.id, { status: "APPROVED", amountCents: 6_000 });
      return { body: { partnerIds: [p.partner.id] } };
    } },
  { route: "POST /api/v1/payouts/[id]/mark-paid", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx, who) => ({ params: { id: (await insertPayout(fx.t.db, fx.partnerA.partner.id)).id }, body: { paymentMethod: "BANK_TRANSFER", transactionId: `P-${who}-${Date.now()}` } }) },
  { route: "POST /api/v1/payouts/[id]/mark-failed", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: (await insertPayout(fx.t.db, fx.partnerA.partner.id)).id }, body: { reason: "account closed" } }) },
  { route: "GET /api/v1/payouts/[id]", expect: [401, 200, 404, 200, 200, 200],
    setup: async (fx) => ({ params: { id: (await insertPayout(fx.t.db, fx.partnerA.partner.id)).id } }) },
  { route: "GET /api/v1/payouts/[id]/export.csv", expect: [401, 200, 404, 200, 200, 200],
    setup: async (fx) => ({ params: { id: (await insertPayout(fx.t.db, fx.partnerA.partner.id)).id } }) },
  { route: "GET /api/v1/payouts/batches/[batchId]/file", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { batchId: (await insertPayout(fx.t.db, fx.partnerA.partner.id, { batchId: randomUUID() })).batchId! }, query: { format: "csv" } }) },
  { route: "POST /api/v1/payouts/batches/[batchId]/mark-paid", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx, who) => ({ params: { batchId: (await insertPayout(fx.t.db, fx.partnerA.partner.id, { batchId: randomUUID() })).batchId! }, body: { reference: `R-${who}-${Date.now()}` } }) },
  { route: "POST /api/v1/payouts/batches/[batchId]/approve", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { batchId: await matrixDraftBatch(fx) } }) },
  { route: "GET /api/v1/reports/1099-nec", expect: [401, 403, 403, 200, 200, 403], setup: () => ({ query: { year: "2026" } }) },
  { route: "POST /api/v1/payouts/reconcile", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx, who) => ({ body: { rows: [{ payoutId: (await insertPayout(fx.t.db, fx.partnerA.partner.id)).id, status: "PAID", transactionId: `C-${who}-${Date.now()}` }] } }) },
  // ── api: exchange rates (admin only) ─────────────────────────────────────────────────────────────────
  { route: "GET /api/v1/fx-rates", expect: [401, 403, 403, 200, 200, 403] },
  { route: "POST /api/v1/fx-rates", expect: [401, 403, 403, 201, 201, 403],
    setup: () => ({ body: { date: "2026-11-30", base: "USD", quote: "CAD", rate: "1.3912" } }) },
  // ── api: commission plans (admin only) ───────────────────────────────────────────────────────────
  { route: "GET /api/v1/commission-plans", expect: [401, 403, 403, 200, 200, 403] },
  { route: "POST /api/v1/commission-plans", expect: [401, 403, 403, 201, 201, 403],
    setup: () => ({ body: matrixPlanBody }) },
  { route: "GET /api/v1/commission-plans/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: await matrixPlan(fx) } }) },
  { route: "PATCH /api/v1/commission-plans/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: await matrixPlan(fx) }, body: { rules: [{ event: "CONVERSION", rateBps: 900 }] } }) },
  { route: "POST /api/v1/commission-plans/[id]/preview", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: await matrixPlan(fx) }, body: { insuranceType: "AUTO", conversionValueCents: 100_000 } }) },
  // ── webhooks (outbound endpoints and deliveries: admin only; inbound leads: signature only) ────────
  { route: "GET /api/v1/webhooks/endpoints", expect: [401, 403, 403, 200, 200, 403] },
  { route: "POST /api/v1/webhooks/endpoints", expect: [401, 403, 403, 201, 201, 403],
    setup: () => ({ body: { url: "https://93.184.215.14/matrix", events: ["reward.paid"] } }) },
  { route: "GET /api/v1/webhooks/endpoints/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: await matrixEndpoint(fx) } }) },
  { route: "PATCH /api/v1/webhooks/endpoints/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: await matrixEndpoint(fx) }, body: { enabled: false } }) },
  { route: "DELETE /api/v1/webhooks/endpoints/[id]", expect: [401, 403, 403, 204, 204, 403],
    setup: async (fx) => ({ params: { id: await matrixEndpoint(fx) } }) },
  { route: "GET /api/v1/webhooks/deliveries", expect: [401, 403, 403, 200, 200, 403] },
  { route: "GET /api/v1/webhooks/deliveries/[id]", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx) => ({ params: { id: await matrixDelivery(fx) } }) },
  { route: "POST /api/v1/webhooks/deliveries/[id]/replay", expect: [401, 403, 403, 201, 201, 403],
    setup: async (fx) => ({ params: { id: await matrixDelivery(fx) } }) },
  { route: "POST /api/v1/webhooks/leads", expect: [401, 401, 401, 401, 401, 401],
    setup: () => ({ body: { type: "lead.created", data: {} } }) },
  // ── privacy requests (admin only) ────────────────────────────────────────────────────────────────
  { route: "POST /api/v1/privacy/export", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx, who) => ({ body: { email: (await fx.t.db.select().from(leads).where(eq(leads.id, await leadOfPartnerA(fx, who))))[0].email } }) },
  { route: "POST /api/v1/privacy/erase", expect: [401, 403, 403, 200, 200, 403],
    setup: async (fx, who) => ({ body: { email: (await fx.t.db.select().from(leads).where(eq(leads.id, await leadOfPartnerA(fx, who))))[0].email, reason: "matrix deletion request" } }) },
  // ── compliance reports (admin only) ──────────────────────────────────────────────────────────────
  { route: "GET /api/v1/reports/compensation", expect: [401, 403, 403, 200, 200, 403],
    setup: () => ({ query: { from: "2026-01-01", to: "2026-12-31" } }) },
  // ── admin (audit log) ───────────────────────────────────────────────────────────────────────────
  { route: "GET /api/v1/events", expect: [401, 403, 403, 200, 200, 403] },
];

const matrixW9 = {
  kind: "W9",
  legalName: "Matrix Partner",
  taxClassification: "INDIVIDUAL",
  address: { line1: "1 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
  tinType: "SSN",
  tin: "123-45-6789",
  signatureName: "Matrix Partner",
  certify: true,
};
async function taxFormsOfAB(fx: Fixtures) {
  for (const p of [fx.partnerA, fx.partnerB])
    await saveTaxForm(fx.t.db, p.partner.id, taxFormInputSchema.parse(matrixW9), systemActor("matrix"));
}
/** A batch drafted by the schedule (a fresh payout day per cell: the day is unique). */
let matrixDays = 0;
async function matrixDraftBatch(fx: Fixtures): Promise<string> {
  const id = randomUUID();
  const day = new Date(Date.UTC(2030, 0, 1 + ++matrixDays)).toISOString().slice(0, 10);
  await fx.t.db.insert(payoutBatches).values({ id, payoutDay: day, status: "DRAFT" });
  return id;
}

/** A referral of partner A with an open signal (a throwaway e-mail domain), through lead capture. */
async function flaggedReferralOfA(fx: Fixtures): Promise<string> {
  const input = leadInputSchema.parse({
    ...matrixLeadBody("review"),
    email: `matrix-${++matrixLeads}@mailinator.com`,
    referralCode: fx.partnerA.code,
  });
  return (await captureLead(fx.t.db, input, { actor: systemActor("matrix"), channel: "API" })).referral!.id;
}

/** A referral of partner A (PENDING unless told), arranged directly in the database. */
const refA = (fx: Fixtures, status: "PENDING" | "ACCEPTED" = "PENDING") =>
  insertReferral(
    fx.t.db,
    { id: fx.partnerA.partner.id, code: fx.partnerA.code },
    status === "ACCEPTED" ? { status, leadId: null } : {},
  );

/** An enabled webhook endpoint (public IP literal, so no DNS) and a delivery to it, for the webhooks rows. */
async function matrixEndpoint(fx: Fixtures): Promise<string> {
  const [e] = await fx.t.db
    .insert(webhookEndpoints)
    .values({ url: "https://93.184.215.14/matrix", secret: "whsec_bWF0cml4LXNlY3JldC1tYXRyaXgtc2VjcmV0" })
    .returning();
  return e.id;
}
async function matrixDelivery(fx: Fixtures): Promise<string> {
  const endpointId = await matrixEndpoint(fx);
  const [d] = await fx.t.db
    .insert(webhookDeliveries)
    .values({
      endpointId,
      eventType: "reward.paid",
      messageId: "msg_matrix",
      payload: { type: "reward.paid", data: {} },
      status: "SUCCEEDED",
    })
    .returning();
  return d.id;
}

const API_ROOT = path.join(process.cwd(), "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir = API_ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === "route.ts" ? [p] : [];
  });
}
const urlPathOf = (file: string) =>
  "/" + path.relative(path.join(process.cwd(), "app"), path.dirname(file)).split(path.sep).join("/");
const fileOf = (urlPath: string) => path.join(process.cwd(), "app", ...urlPath.split("/").filter(Boolean), "route.ts");

type Handler = Parameters<typeof call>[0];
async function handlerFor(route: string): Promise<Handler> {
  const [method, urlPath] = route.split(" ");
  const mod = (await import(/* @vite-ignore */ fileOf(urlPath))) as Record<string, Handler | undefined>;
  const h = mod[method];
  if (!h) throw new Error(`${route}: the route file exports no ${method}`);
  return h;
}

describe("authorization matrix", () => {
  let fx: Fixtures;
  beforeAll(async () => {
    const t = await setupApiTest();
    const [admin, partnerA, partnerB] = [await t.admin(), await t.partner(), await t.partner()];
    const adminKey = await t.apiKey("ADMIN");
    const partnerKey = await t.apiKey("PARTNER", partnerA.partner.id);
    fx = {
      t,
      admin,
      partnerA,
      partnerB,
      headers: {
        anon: {},
        partnerA: partnerA.headers,
        partnerB: partnerB.headers,
        admin: admin.headers,
        adminKey: adminKey.headers,
        partnerKey: partnerKey.headers,
      },
    };
  });
  afterAll(() => fx?.t.close());

  it("lists every exported handler of every route file under app/api/v1, and nothing else", async () => {
    const exported: string[] = [];
    for (const file of routeFiles()) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === "function") exported.push(`${m} ${urlPathOf(file)}`);
    }
    const listed = ROUTES.map((r) => r.route);
    expect(
      exported.filter((r) => !listed.includes(r)),
      "routes missing from the matrix",
    ).toEqual([]);
    expect(
      listed.filter((r) => !exported.includes(r)),
      "matrix rows without a route",
    ).toEqual([]);
    expect(new Set(listed).size, "duplicate rows").toBe(listed.length);
  });

  for (const row of ROUTES) {
    it(`${row.route} → ${row.expect.join(" ")}`, async () => {
      const handler = await handlerFor(row.route);
      const got: number[] = [];
      for (const who of WHO) {
        const c = (await row.setup?.(fx, who)) ?? {};
        const res = await call(handler, row.route, { ...c, headers: fx.headers[who] });
        got.push(res.status);
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
        Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])),
      );
    });
  }
});
