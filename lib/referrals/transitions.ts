import type { PartnerStatus, ReferralStatus, RewardStatus } from "@/db/schema/enums";

/** Allowed moves per current status; anything else is refused with invalid_state naming the current status. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  // A lead may buy before anyone accepts its referral, so PENDING → CONVERTED is allowed.
  PENDING: ["ACCEPTED", "REJECTED", "EXPIRED", "CONVERTED"],
  ACCEPTED: ["CONVERTED", "REJECTED", "EXPIRED"],
  CONVERTED: ["PAID"],
  REJECTED: [],
  PAID: [],
  EXPIRED: [],
};

export const REWARD_TRANSITIONS: Record<RewardStatus, readonly RewardStatus[]> = {
  PENDING: ["CALCULATED", "CANCELLED"],
  CALCULATED: ["APPROVED", "CANCELLED"],
  APPROVED: ["PAID", "CANCELLED"],
  PAID: [],
  CANCELLED: [],
};

export const PARTNER_TRANSITIONS: Record<PartnerStatus, readonly PartnerStatus[]> = {
  ACTIVE: ["INACTIVE", "SUSPENDED", "TERMINATED"],
  INACTIVE: ["ACTIVE", "SUSPENDED", "TERMINATED"],
  SUSPENDED: ["ACTIVE", "TERMINATED"],
  TERMINATED: [],
};

export function canMove<S extends string>(table: Record<S, readonly S[]>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** The statuses from which `to` may be reached: the guard of an `UPDATE … WHERE status = ANY(…)`. */
export function sourcesOf<S extends string>(table: Record<S, readonly S[]>, to: S): S[] {
  return (Object.keys(table) as S[]).filter((from) => table[from].includes(to));
}
