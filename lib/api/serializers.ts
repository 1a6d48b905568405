import type { PayoutConversion } from "@/lib/payouts/conversion";
import type { leads, partners, payouts, policyEvents, referrals, rewards } from "@/db/schema";
import { serializeLicence, type Licence } from "@/lib/compliance/licences";
import type { LeadSummary } from "@/lib/referrals/queries";
import { created } from "./handler";

/**
 * Rows → the public camelCase JSON of `/api/v1` (docs/api.md#json-shapes). Fields are picked one by
 * one so a new column never leaks by accident; money leaves as integer `…Cents` plus `currency`;
 * dates as ISO 8601 strings; no BigInt ever reaches `JSON.stringify`.
 */

type PartnerRow = typeof partners.$inferSelect;
type ReferralRow = typeof referrals.$inferSelect;
type RewardRow = typeof rewards.$inferSelect;
type PolicyEvent = typeof policyEvents.$inferSelect;
type PayoutRow = typeof payouts.$inferSelect;
type LeadRow = typeof leads.$inferSelect;

const iso = (d: Date | string | null | undefined): string | null => {
  if (d == null) return null;
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** Cents from a driver value (`mode: "number"` columns are numbers; raw SQL may hand back strings). */
const cents = (v: number | string | bigint | null | undefined): number | null => (v == null ? null : Number(v));

type PartnerCode = { code: string; isCurrent: boolean; createdAt: Date | string; retiredAt: Date | string | null };

export function serializePartner(
  p: PartnerRow & { referralCode?: string | null; codes?: PartnerCode[]; licences?: Licence[] },
) {
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    companyName: p.companyName,
    status: p.status,
    statusReason: p.statusReason,
    referralCode: p.referralCode ?? null,
    commissionRateBps: p.commissionRateBps,
    commissionPlanId: p.commissionPlanId ?? null,
    currency: p.currency,
    payoutCurrency: p.payoutCurrency ?? p.currency,
    npn: p.npn,
    licensedStates: p.licensedStates,
    payoutMethod: p.payoutMethod,
    payoutDetails: p.payoutDetails ?? null,
    minimumPayoutCents: cents(p.minimumPayoutCents),
    createdVia: p.createdVia,
    approvedAt: iso(p.approvedAt),
    terminatedAt: iso(p.terminatedAt),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    ...(p.codes
      ? {
          codes: p.codes.map((c) => ({
            code: c.code,
            isCurrent: c.isCurrent,
            createdAt: iso(c.createdAt),
            retiredAt: iso(c.retiredAt),
          })),
        }
      : {}),
    ...(p.licences ? { licenses: p.licences.map((l) => serializeLicence(l)) } : {}),
  };
}

interface TimelineEntry {
  at: Date | string;
  entityType: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  actor: string;
  reason: string | null;
}

type ReferralExtras = {
  partnerName?: string;
  lead?: LeadSummary | null;
  rewards?: RewardRow[];
  timeline?: TimelineEntry[];
};

export function serializeReferral(r: ReferralRow & ReferralExtras) {
  return {
    id: r.id,
    partnerId: r.partnerId,
    referralCode: r.referralCode,
    leadId: r.leadId,
    clickId: r.clickId,
    source: r.source,
    status: r.status,
    rejectionReason: r.rejectionReason,
    subId: r.subId,
    utmSource: r.utmSource,
    utmMedium: r.utmMedium,
    utmCampaign: r.utmCampaign,
    utmTerm: r.utmTerm,
    utmContent: r.utmContent,
    notes: r.notes,
    conversionValueCents: cents(r.conversionValueCents),
    currency: r.currency,
    expiresAt: iso(r.expiresAt),
    acceptedAt: iso(r.acceptedAt),
    rejectedAt: iso(r.rejectedAt),
    convertedAt: iso(r.convertedAt),
    paidAt: iso(r.paidAt),
    expiredAt: iso(r.expiredAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    ...(r.partnerName !== undefined ? { partnerName: r.partnerName } : {}),
    ...(r.lead !== undefined ? { lead: r.lead } : {}),
    ...(r.rewards ? { rewards: r.rewards.map((w) => serializeReward(w)) } : {}),
    ...(r.timeline ? { timeline: r.timeline.map((e) => ({ ...e, at: iso(e.at) })) } : {}),
  };
}

export function serializeReward(r: RewardRow & { partnerName?: string; referralCode?: string | null }) {
  return {
    id: r.id,
    partnerId: r.partnerId,
    referralId: r.referralId,
    type: r.type,
    status: r.status,
    amountCents: cents(r.amountCents),
    currency: r.currency,
    rateBps: r.rateBps,
    baseCents: cents(r.baseCents),
    holdUntil: iso(r.holdUntil),
    holdReason: r.holdReason ?? null,
    reason: r.reason,
    calculatedAt: iso(r.calculatedAt),
    approvedAt: iso(r.approvedAt),
    approvedBy: r.approvedBy,
    approvalOverrideReason: r.approvalOverrideReason,
    paidAt: iso(r.paidAt),
    paymentMethod: r.paymentMethod,
    transactionId: r.transactionId,
    payoutId: r.payoutId,
    cancelledAt: iso(r.cancelledAt),
    cancelReason: r.cancelReason,
    createdBy: r.createdBy,
    planVersionId: r.planVersionId ?? null,
    calculation: r.calculation ?? null,
    adjustsRewardId: r.adjustsRewardId ?? null,
    policyEventId: r.policyEventId ?? null,
    clawback: r.clawback ?? null,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    ...(r.partnerName !== undefined ? { partnerName: r.partnerName } : {}),
    ...(r.referralCode !== undefined ? { referralCode: r.referralCode } : {}),
  };
}

interface PayoutItem {
  rewardId: string;
  amountCents: number | string;
  currency?: string;
  rewardType: string;
  rewardStatus: string;
  referralId: string | null;
  referralCode: string | null;
}

export function serializePayout(
  p: PayoutRow & { rewardIds?: string[]; partnerName?: string; items?: PayoutItem[]; conversions?: PayoutConversion[] },
) {
  return {
    id: p.id,
    partnerId: p.partnerId,
    status: p.status,
    amountCents: cents(p.amountCents),
    currency: p.currency,
    paymentMethod: p.paymentMethod,
    transactionId: p.transactionId,
    rewardCount: p.rewardCount,
    ...(p.rewardIds ? { rewardIds: p.rewardIds } : {}),
    ...(p.partnerName !== undefined ? { partnerName: p.partnerName } : {}),
    ...(p.items
      ? {
          items: p.items.map((i) => ({
            rewardId: i.rewardId,
            amountCents: cents(i.amountCents),
            ...(i.currency ? { currency: i.currency } : {}),
            rewardType: i.rewardType,
            rewardStatus: i.rewardStatus,
            referralId: i.referralId,
            referralCode: i.referralCode,
          })),
        }
      : {}),
    ...(p.conversions ? { conversions: p.conversions } : {}),
    batchId: p.batchId,
    failureReason: p.failureReason,
    createdBy: p.createdBy,
    paidAt: iso(p.paidAt),
    failedAt: iso(p.failedAt),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export function serializeLead(l: LeadRow) {
  return {
    id: l.id,
    firstName: l.firstName,
    lastName: l.lastName,
    email: l.email,
    phone: l.phone,
    state: l.state,
    zip: l.zip,
    externalId: l.externalId,
    insuranceType: l.insuranceType,
    status: l.status,
    message: l.message,
    conversionValueCents: cents(l.conversionValueCents),
    statusChangedAt: iso(l.statusChangedAt),
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
  };
}

/** `{ data, pagination }` with each row serialized. */
export function serializePage<T, U>(page: { data: T[]; pagination: unknown }, one: (row: T) => U) {
  return { data: page.data.map(one), pagination: page.pagination };
}

export type PartnerJson = ReturnType<typeof serializePartner>;
export type ReferralJson = ReturnType<typeof serializeReferral>;
export type RewardJson = ReturnType<typeof serializeReward>;
export type PayoutJson = ReturnType<typeof serializePayout>;
export type LeadJson = ReturnType<typeof serializeLead>;

/**
 * `{ referral, reward }` of a conversion: 201 when this call converted the referral, 200 when it replays an
 * earlier conversion with the same value (a different value is a 409 from the engine).
 */
export function conversionAnswer(out: { referral: ReferralRow; reward: RewardRow; created: boolean }) {
  const body = { referral: serializeReferral(out.referral), reward: serializeReward(out.reward) };
  return out.created ? created(body) : body;
}

/**
 * `{ reward, payout }` of a one-reward payment: 201 when this call paid it, 200 when the same transaction id
 * replays an earlier payment (a transaction id used elsewhere is a 409 from the engine).
 */
export function paymentAnswer(out: { reward: RewardRow; payout: PayoutRow; replayed: boolean }) {
  const body = {
    reward: serializeReward(out.reward),
    payout: serializePayout({ ...out.payout, rewardIds: [out.reward.id] }),
  };
  return out.replayed ? body : created(body);
}

export function serializePolicyEvent(e: PolicyEvent) {
  return {
    id: e.id,
    leadId: e.leadId,
    referralId: e.referralId,
    type: e.type,
    effectiveDate: e.effectiveDate,
    termDays: e.termDays,
    premiumCents: cents(e.premiumCents),
    policyNumber: e.policyNumber,
    channel: e.channel,
    outcome: e.outcome,
    createdAt: iso(e.createdAt),
  };
}
