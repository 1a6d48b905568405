import type { z } from "zod";
import type { InsuranceType } from "@/db/schema/enums";
import type { LicenceStateRule } from "@/db/schema/settings";
import type { bonusSchema, PLAN_EVENTS, ruleSchema, tierBasisSchema, tierSchema } from "./schemas";

/**
 * The shapes of the commission engine. `calculate(input)` (calculate.ts) is pure: everything it needs is in
 * `CalculationInput`, loaded by `resolve.ts` in one indexed query (plus one when the plan has tiers or a
 * monthly cap). A new way of paying (for example a licence-dependent branch) adds an optional input field
 * and a branch in `calculate`, and records what it did in `Calculation`.
 */
export type PlanEvent = (typeof PLAN_EVENTS)[number];
export type PlanRule = z.infer<typeof ruleSchema> & { id: string };
export type PlanTier = z.infer<typeof tierSchema> & { id: string };
export type PlanBonus = z.infer<typeof bonusSchema> & { id: string };
export type TierBasis = z.infer<typeof tierBasisSchema>;

/** One immutable plan version's content (ids assigned on save). */
export interface PlanDocument {
  name: string;
  currency: string;
  rules: PlanRule[];
  tiers?: PlanTier[];
  tierBasis?: TierBasis;
  bonuses?: PlanBonus[];
  monthlyCapCents?: number | null;
  /** The flat fee to partners unlicensed for a lead's state and line; absent = the program setting. */
  unlicensedReferralFeeCents?: number | null;
}

export interface PlanVersionRef {
  planId: string;
  versionId: string;
  version: number;
  document: PlanDocument;
}

export interface CalculationInput {
  event: PlanEvent;
  /** The conversion value (first-year premium; the renewal premium for RENEWAL); null for QUALIFIED. */
  valueCents: number | null;
  /** The referral's currency. */
  currency: string;
  insuranceType: InsuranceType | null;
  state: string | null;
  /** The plan version in force at the event, or null when the partner's plan has none yet. */
  plan: PlanVersionRef | null;
  /** The partner override (replaces the percentage of every conversion), null = the plan's rates. */
  overrideBps: number | null;
  /** The partner's trailing metric at the event (this event excluded), by the plan's tierBasis. */
  trailing?: { conversions: number; valueCents: number };
  /** The partner's plan-computed rewards in the event's calendar month so far (this one excluded). */
  monthToDateCents?: number;
  /** Set when the lead's state rule is enforced and the partner is not licensed for its state and line. */
  unlicensed?: UnlicensedInput;
  /** RENEWAL: the policy year renewed into (2, 3, …). */
  policyYear?: number;
}

/** What the unlicensed branch needs (loaded by lib/compliance/unlicensed.ts, docs/compliance.md#state-rules). */
export interface UnlicensedInput {
  rule: LicenceStateRule;
  /** Why the partner counts as unlicensed, in words ("no licence in NY"). */
  why: string;
  /** The plan's `unlicensedReferralFeeCents`, else the program setting; null = none set. */
  feeCents: number | null;
  feeSource: "PLAN" | "PROGRAM" | null;
  /** Referral fees already earned for the same person in the rule's state this calendar year (UTC). */
  personYearCents: number;
  year: number;
}

export interface Calculation {
  planId: string | null;
  planVersionId: string | null;
  planVersion: number | null;
  planName: string | null;
  /** BONUS: a bonus of the plan (bonuses.ts), with `bonus` saying which goal and period. */
  event: PlanEvent | "BONUS";
  ruleId: string | null;
  tier: { id: string; name: string } | null;
  baseCents: number | null;
  /** The rate applied (after override or tier), in basis points; fractional only after a multiplier. */
  rateBps: number | null;
  rateSource: "RULE" | "OVERRIDE" | "TIER" | null;
  multiplierBps: number | null;
  flatCents: number;
  /** Before any cap. */
  grossCents: number;
  capApplied: "REWARD" | "MONTHLY" | "REFERRAL" | "ANNUAL" | null;
  capCents: number | null;
  amountCents: number;
  currency: string;
  /** False: no rule applies, no reward is due (the reason says why). */
  matched: boolean;
  reason: string | null;
  explanation: string;
  bonus?: BonusAward;
  /** Present when the partner was unlicensed under an enforced state rule: the rule that applied. */
  licence?: { ruleState: string; why: string; feeSource: "PLAN" | "PROGRAM" | null; nonCashRequired: boolean };
}

/** What a BONUS reward was for: the plan's bonus, the period (`YYYY-MM`, or `once`) and the progress. */
export interface BonusAward {
  id: string;
  name: string;
  kind: PlanBonus["kind"];
  period: string;
  target: number;
  progress: number;
}
