import { z } from "zod";
import { calculationJson } from "@/lib/commissions/schemas";
import { licenceJson } from "@/lib/compliance/licences/schemas";
import { POLICY_EVENT_TYPES } from "@/lib/policies/schemas";
import {
  INSURANCE_TYPES,
  LEAD_STATUSES,
  PARTNER_STATUSES,
  PAYMENT_METHODS,
  PAYOUT_STATUSES,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  REWARD_STATUSES,
  REWARD_TYPES,
} from "@/db/schema/enums";

/**
 * The JSON the serializers produce, as zod schemas: documentation for the OpenAPI document (`doc.response`)
 * and a check in tests that serializers and documentation agree (tests/api/serializers.test.ts).
 */

const at = z.iso.datetime().nullable();
const text = z.string().nullable();
const cents = z.number().int().nullable();

export const partnerJson = z.strictObject({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: text,
  companyName: text,
  status: z.enum(PARTNER_STATUSES),
  statusReason: text,
  referralCode: text,
  commissionRateBps: z.number().int().min(0).max(10_000).nullable(),
  commissionPlanId: z.uuid().nullable(),
  currency: z.string().length(3),
  payoutCurrency: z.string().length(3).describe("What payouts are made in (default: the partner's currency)"),
  npn: text,
  licensedStates: z.array(z.string()),
  payoutMethod: z.enum(PAYMENT_METHODS).nullable(),
  payoutDetails: z.record(z.string(), z.string()).nullable(),
  minimumPayoutCents: cents,
  createdVia: z.string(),
  approvedAt: at,
  terminatedAt: at,
  createdAt: at,
  updatedAt: at,
  codes: z.array(z.strictObject({ code: z.string(), isCurrent: z.boolean(), createdAt: at, retiredAt: at })).optional(),
  /** The licences on file (GET /partners/{id}); expired or unverified ones count as unlicensed. */
  licenses: z.array(licenceJson).optional(),
});

export const createdPartnerJson = partnerJson.extend({
  invitation: z.strictObject({ url: z.string(), expiresAt: z.iso.datetime() }),
});

/** How a cancellation's take-back was computed (lib/policies/takeback.ts). */
export const takeBackJson = z.strictObject({
  kind: z.enum(["FULL", "PRO_RATA", "NONE"]),
  start: z.iso.date(),
  cancelledOn: z.iso.date(),
  daysIn: z.number().int(),
  termDays: z.number().int(),
  unearnedDays: z.number().int(),
  freeLookDays: z.number().int(),
  chargebackMonths: z.number().int(),
  chargebackUntil: z.iso.date().nullable(),
  rewardCents: z.number().int(),
  amountCents: z.number().int(),
  explanation: z.string(),
});

export const policyEventJson = z.strictObject({
  id: z.uuid(),
  leadId: z.uuid(),
  referralId: z.uuid().nullable(),
  type: z.enum(POLICY_EVENT_TYPES),
  effectiveDate: z.iso.date(),
  termDays: z.number().int().nullable(),
  premiumCents: cents,
  policyNumber: text,
  channel: z.enum(["API", "WEBHOOK"]),
  outcome: z.strictObject({
    action: z.enum(["RECORDED", "HOLD_EXTENDED", "REWARD_CANCELLED", "CLAWBACK", "RENEWAL_REWARD", "NONE"]),
    rewardId: z.uuid().nullable(),
    createdRewardId: z.uuid().nullable(),
    amountCents: cents,
    policyYear: z.number().int().nullable(),
    explanation: z.string(),
    takeBack: takeBackJson.optional(),
  }),
  createdAt: at,
});

export const rewardJson = z.strictObject({
  id: z.uuid(),
  partnerId: z.uuid(),
  referralId: z.uuid().nullable(),
  type: z.enum(REWARD_TYPES),
  status: z.enum(REWARD_STATUSES),
  amountCents: cents,
  currency: z.string().length(3),
  rateBps: z.number().int().nullable(),
  baseCents: cents,
  holdUntil: at,
  holdReason: text,
  reason: text,
  calculatedAt: at,
  approvedAt: at,
  approvedBy: text,
  approvalOverrideReason: text,
  paidAt: at,
  paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
  transactionId: text,
  payoutId: z.uuid().nullable(),
  cancelledAt: at,
  cancelReason: text,
  createdBy: text,
  planVersionId: z.uuid().nullable(),
  calculation: calculationJson.nullable(),
  adjustsRewardId: z.uuid().nullable(),
  policyEventId: z.uuid().nullable(),
  clawback: takeBackJson.nullable(),
  createdAt: at,
  updatedAt: at,
  partnerName: z.string().optional(),
  referralCode: text.optional(),
});

const leadSummary = z.strictObject({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  email: text,
  phone: text,
  state: text,
  insuranceType: z.enum(INSURANCE_TYPES),
  status: z.enum(LEAD_STATUSES),
});

export const referralJson = z.strictObject({
  id: z.uuid(),
  partnerId: z.uuid(),
  referralCode: z.string(),
  leadId: z.uuid().nullable(),
  clickId: z.uuid().nullable(),
  source: z.enum(REFERRAL_SOURCES),
  status: z.enum(REFERRAL_STATUSES),
  rejectionReason: text,
  subId: text,
  utmSource: text,
  utmMedium: text,
  utmCampaign: text,
  utmTerm: text,
  utmContent: text,
  notes: text,
  conversionValueCents: cents,
  currency: z.string(),
  expiresAt: at,
  acceptedAt: at,
  rejectedAt: at,
  convertedAt: at,
  paidAt: at,
  expiredAt: at,
  createdAt: at,
  updatedAt: at,
  partnerName: z.string().optional(),
  lead: leadSummary
    .nullable()
    .optional()
    .describe("Masked for partners (first name and initial, j***@example.com, ***-***-7890)"),
  rewards: z.array(rewardJson).optional(),
  timeline: z
    .array(
      z.strictObject({
        id: z.number().int(),
        at,
        entityType: z.string(),
        action: z.string(),
        fromStatus: text,
        toStatus: text,
        actor: z.string(),
        reason: text,
      }),
    )
    .optional(),
});

export const payoutJson = z.strictObject({
  id: z.uuid(),
  partnerId: z.uuid(),
  status: z.enum(PAYOUT_STATUSES),
  amountCents: cents,
  currency: z.string().length(3),
  paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
  transactionId: text,
  rewardCount: z.number().int(),
  rewardIds: z.array(z.uuid()).optional(),
  partnerName: z.string().optional(),
  items: z
    .array(
      z.strictObject({
        rewardId: z.uuid(),
        amountCents: cents,
        currency: z.string().length(3).optional().describe("The reward's own currency"),
        rewardType: z.string(),
        rewardStatus: z.string(),
        referralId: z.uuid().nullable(),
        referralCode: text,
      }),
    )
    .optional(),
  conversions: z
    .array(
      z.strictObject({
        fromCurrency: z.string().length(3),
        toCurrency: z.string().length(3),
        rate: z.string().describe("Exact decimal text: 1 fromCurrency = rate toCurrency"),
        rateDate: z.string(),
        rateSource: z.string(),
        originalCents: cents,
        convertedCents: cents.describe("originalCents × rate, rounded half to even once"),
      }),
    )
    .optional()
    .describe("Rewards in other currencies, per currency: docs/payouts.md#currencies"),
  batchId: z.uuid().nullable(),
  failureReason: text,
  createdBy: text,
  paidAt: at,
  failedAt: at,
  createdAt: at,
  updatedAt: at,
});

/** `{ data, pagination: { page, pageSize, total, nextCursor } }` (page is null when a cursor addressed the page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    data: z.array(item),
    pagination: z.strictObject({
      page: z.number().int().nullable(),
      pageSize: z.number().int(),
      total: z.number().int(),
      nextCursor: z.string().nullable(),
    }),
  });

export const conversionJson = z.strictObject({ referral: referralJson, reward: rewardJson });
export const paymentJson = z.strictObject({ reward: rewardJson, payout: payoutJson });
export const batchJson = z.strictObject({
  batchId: z.uuid().nullable(),
  payouts: z.array(payoutJson),
  /** Partners held for tax (docs/payouts.md#holds), with the reason. */
  held: z.array(z.strictObject({ partnerId: z.uuid(), currency: z.string(), reason: z.string() })),
  blocked: z
    .array(z.strictObject({ partnerId: z.uuid(), currency: z.string().length(3), reason: z.string() }))
    .describe("Partners left out, with why (a missing exchange rate names its pair)"),
});
export const bulkApproveJson = z.union([
  z.strictObject({
    results: z.array(
      z.strictObject({ id: z.string(), result: z.enum(["approved", "skipped"]), reason: z.string().optional() }),
    ),
  }),
  z.strictObject({ approved: z.number().int(), skipped: z.number().int(), remaining: z.number().int() }),
]);

export const batchPaymentJson = z.strictObject({
  paid: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
});
export const confirmationReportJson = z.strictObject({
  problem: z.string().nullable(),
  rows: z.array(
    z.strictObject({
      line: z.number().int(),
      payoutId: z.uuid().nullable(),
      partnerName: z.string().nullable(),
      amountCents: z.number().int().nullable(),
      currency: z.string().nullable(),
      outcome: z.enum(["paid", "failed", "unchanged", "error"]),
      message: z.string(),
    }),
  ),
  counts: z.strictObject({
    paid: z.number().int(),
    failed: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
  }),
});

export const batchApprovalJson = z.strictObject({
  batchId: z.uuid(),
  status: z.enum(["DRAFT", "APPROVED"]),
  payoutDay: z.string(),
  payoutCount: z.number().int(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
});
