import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["ADMIN", "PARTNER"]);
export const partnerStatus = pgEnum("partner_status", ["ACTIVE", "INACTIVE", "SUSPENDED", "TERMINATED"]);
export const insuranceType = pgEnum("insurance_type", ["AUTO", "HOME", "LIFE", "HEALTH", "COMMERCIAL", "OTHER"]);
export const leadStatus = pgEnum("lead_status", ["NEW", "CONTACTED", "QUALIFIED", "QUOTED", "CONVERTED", "LOST"]);
export const referralSource = pgEnum("referral_source", [
  "WEBSITE",
  "MOBILE_APP",
  "EMAIL",
  "PHONE",
  "IN_PERSON",
  "SOCIAL_MEDIA",
  "OTHER",
]);
export const referralStatus = pgEnum("referral_status", [
  "PENDING",
  "ACCEPTED",
  "REJECTED",
  "CONVERTED",
  "PAID",
  "EXPIRED",
]);
export const rewardType = pgEnum("reward_type", [
  "CONVERSION",
  "BONUS",
  "ADJUSTMENT",
  "CLAWBACK",
  "LEAD",
  "REFERRAL_FEE",
  "RENEWAL",
]);
export const rewardStatus = pgEnum("reward_status", ["PENDING", "CALCULATED", "APPROVED", "PAID", "CANCELLED"]);
export const paymentMethod = pgEnum("payment_method", ["BANK_TRANSFER", "PAYPAL", "CHECK", "STRIPE", "OTHER"]);
export const payoutStatus = pgEnum("payout_status", ["PENDING", "PAID", "FAILED"]);
export const actorType = pgEnum("actor_type", ["USER", "API_KEY", "SYSTEM", "PUBLIC", "WEBHOOK"]);
export const authTokenKind = pgEnum("auth_token_kind", ["INVITE", "RESET"]);
export const deliveryStatus = pgEnum("delivery_status", ["PENDING", "SUCCEEDED", "FAILED", "ABANDONED"]);

export const USER_ROLES = userRole.enumValues;
export const PARTNER_STATUSES = partnerStatus.enumValues;
export const INSURANCE_TYPES = insuranceType.enumValues;
export const LEAD_STATUSES = leadStatus.enumValues;
export const REFERRAL_SOURCES = referralSource.enumValues;
export const REFERRAL_STATUSES = referralStatus.enumValues;
export const REWARD_TYPES = rewardType.enumValues;
export const REWARD_STATUSES = rewardStatus.enumValues;
export const PAYMENT_METHODS = paymentMethod.enumValues;
export const PAYOUT_STATUSES = payoutStatus.enumValues;
export const ACTOR_TYPES = actorType.enumValues;

export type UserRole = (typeof USER_ROLES)[number];
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export type InsuranceType = (typeof INSURANCE_TYPES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type RewardType = (typeof REWARD_TYPES)[number];
export type RewardStatus = (typeof REWARD_STATUSES)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
export type ActorType = (typeof ACTOR_TYPES)[number];
