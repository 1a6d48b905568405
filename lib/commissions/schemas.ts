import { z } from "zod";
import { INSURANCE_TYPES } from "@/db/schema/enums";
import { enumInput, optionalText, requiredText } from "@/lib/validation";

/** Plan documents: what a plan version pays. Our own input, so every object is strict (unknown fields refused). */

const money = (label: string) =>
  z
    .number({ error: () => `${label} must be whole cents` })
    .int(`${label} must be whole cents`)
    .min(0, `${label} must not be negative`)
    .max(100_000_000_00, `${label} is too large`);
const bps = (max: number) =>
  z
    .number({ error: () => "Must be a whole number of basis points" })
    .int("Must be a whole number of basis points")
    .min(0, "At least 0 bp")
    .max(max, `At most ${max} bp`);
const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "Letters, digits, - and _ (at most 40)")
  .optional();
const stateCode = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string().regex(/^[A-Z]{2}$/, "Two-letter state codes such as TX"),
);

export const PLAN_EVENTS = ["QUALIFIED", "CONVERSION", "RENEWAL"] as const;

export const ruleSchema = z
  .strictObject({
    id: ruleId,
    name: optionalText(100),
    event: enumInput(PLAN_EVENTS),
    insuranceTypes: z.array(enumInput(INSURANCE_TYPES)).min(1, "List at least one type, or leave it out").optional(),
    states: z.array(stateCode).min(1, "List at least one state, or leave it out").optional(),
    minValueCents: money("minValueCents").optional(),
    maxValueCents: money("maxValueCents").optional(),
    rateBps: bps(10_000).optional(),
    flatCents: money("flatCents").optional(),
    capCents: money("capCents").optional(),
    /** RENEWAL rules: the last policy year paid (renewals pay years 2..N; absent = every renewal). */
    maxPolicyYear: z.number().int("A whole year").min(2, "Renewals start in policy year 2").max(100).optional(),
  })
  .superRefine((r, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (r.rateBps === undefined && r.flatCents === undefined) bad("rateBps", "Give a rate, a flat amount or both");
    if (r.event === "QUALIFIED") {
      // A qualified lead has no conversion value yet: a percentage or value bounds could never apply.
      if (r.rateBps !== undefined) bad("rateBps", "A QUALIFIED rule pays a flat amount: there is no value yet");
      if (r.minValueCents !== undefined) bad("minValueCents", "A QUALIFIED event has no value to compare");
      if (r.maxValueCents !== undefined) bad("maxValueCents", "A QUALIFIED event has no value to compare");
    }
    if (r.maxPolicyYear !== undefined && r.event !== "RENEWAL")
      bad("maxPolicyYear", "Only a RENEWAL rule has policy years");
    if (r.minValueCents !== undefined && r.maxValueCents !== undefined && r.minValueCents > r.maxValueCents)
      bad("maxValueCents", "Must be at least minValueCents");
  });

export const tierSchema = z
  .strictObject({
    id: ruleId,
    name: requiredText(60, "Name the tier"),
    /** A count of conversions or cents of conversion value, by the plan's tierBasis. */
    threshold: z.number().int("Whole numbers").min(0, "At least 0").max(100_000_000_00),
    /** Replaces the rule's rate. */
    rateBps: bps(10_000).optional(),
    /** Multiplies the rule's rate (12000 = × 1.2). */
    multiplierBps: bps(100_000).optional(),
  })
  .superRefine((t, ctx) => {
    if ((t.rateBps === undefined) === (t.multiplierBps === undefined))
      ctx.addIssue({ code: "custom", path: ["rateBps"], message: "Give either rateBps (replace) or multiplierBps" });
  });

export const tierBasisSchema = z.strictObject({
  metric: enumInput(["CONVERSIONS", "CONVERSION_VALUE"] as const),
  /** Trailing days, or QUARTER for the calendar quarter so far. */
  window: z.union([z.literal("QUARTER"), z.number().int().min(1).max(366)]),
});

export const BONUS_KINDS = ["MONTHLY_CONVERSIONS", "MONTHLY_VALUE", "FIRST_CONVERSION"] as const;
export const bonusSchema = z
  .strictObject({
    id: ruleId,
    name: requiredText(80, "Name the bonus"),
    kind: enumInput(BONUS_KINDS),
    /** Conversions (MONTHLY_CONVERSIONS) or cents (MONTHLY_VALUE) within a calendar month. */
    target: z.number().int().min(1, "At least 1").max(100_000_000_00).optional(),
    flatCents: money("flatCents").refine((v) => v > 0, "A bonus pays more than 0"),
  })
  .superRefine((b, ctx) => {
    if (b.kind === "FIRST_CONVERSION" && b.target !== undefined)
      ctx.addIssue({ code: "custom", path: ["target"], message: "The first conversion has no target" });
    if (b.kind !== "FIRST_CONVERSION" && b.target === undefined)
      ctx.addIssue({ code: "custom", path: ["target"], message: "Give the monthly target" });
  });

const currencyCode = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string().regex(/^[A-Z]{3}$/, "A three-letter ISO currency code such as USD"),
);

const planFields = {
  name: requiredText(100, "Name the plan"),
  currency: currencyCode,
  rules: z.array(ruleSchema).min(1, "A plan needs at least one rule").max(100),
  tiers: z.array(tierSchema).max(10).optional(),
  tierBasis: tierBasisSchema.optional(),
  bonuses: z.array(bonusSchema).max(20).optional(),
  monthlyCapCents: money("monthlyCapCents").nullable().optional(),
  unlicensedReferralFeeCents: money("unlicensedReferralFeeCents").nullable().optional(),
};

/** Checks across rules, tiers and bonuses: a contradiction names the field it is in. */
function planRefine(p: Partial<z.infer<z.ZodObject<typeof planFields>>>, ctx: z.core.$RefinementCtx): void {
  const bad = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const ids = new Map<string, number>();
  const shapes = new Map<string, number>();
  (p.rules ?? []).forEach((r, i) => {
    if (r.id) {
      if (ids.has(r.id)) bad(["rules", i, "id"], `Same id as rules[${ids.get(r.id)}]`);
      ids.set(r.id, i);
    }
    const shape = JSON.stringify([
      r.event,
      [...(r.insuranceTypes ?? [])].sort(),
      [...(r.states ?? [])].sort(),
      r.minValueCents ?? null,
      r.maxValueCents ?? null,
    ]);
    if (shapes.has(shape))
      bad(["rules", i], `Same event and conditions as rules[${shapes.get(shape)}]: it could never apply`);
    shapes.set(shape, i);
  });
  const tiers = p.tiers ?? [];
  if (tiers.length > 0 && !p.tierBasis) bad(["tierBasis"], "Tiers need a tierBasis (metric and window)");
  if (tiers.length === 0 && p.tierBasis) bad(["tierBasis"], "A tierBasis without tiers");
  tiers.forEach((t, i) => {
    if (i > 0 && t.threshold <= tiers[i - 1].threshold)
      bad(["tiers", i, "threshold"], "Thresholds must increase from one tier to the next");
  });
  const tierNames = new Set<string>();
  tiers.forEach((t, i) => {
    if (tierNames.has(t.name.toLowerCase())) bad(["tiers", i, "name"], "Two tiers with the same name");
    tierNames.add(t.name.toLowerCase());
  });
  const bonusKeys = new Set<string>();
  (p.bonuses ?? []).forEach((b, i) => {
    const key = `${b.kind}:${b.target ?? ""}`;
    if (bonusKeys.has(key)) bad(["bonuses", i], "The same bonus twice");
    bonusKeys.add(key);
  });
}

/** POST /commission-plans and the editor: a whole plan, optionally effective from a later date. */
export const planInputSchema = z
  .strictObject({ ...planFields, effectiveFrom: z.coerce.date().optional() })
  .superRefine(planRefine);
export type PlanInput = z.infer<typeof planInputSchema>;

/** PATCH: the changed parts; the result (old document + changes) is checked as a whole. */
export const planPatchSchema = z
  .strictObject({
    name: planFields.name.optional(),
    currency: planFields.currency.optional(),
    rules: planFields.rules.optional(),
    tiers: planFields.tiers,
    tierBasis: tierBasisSchema.nullable().optional(),
    bonuses: planFields.bonuses,
    monthlyCapCents: planFields.monthlyCapCents,
    unlicensedReferralFeeCents: planFields.unlicensedReferralFeeCents,
    effectiveFrom: z.coerce.date().optional(),
  })
  .superRefine((p, ctx) => planRefine({ ...p, tierBasis: p.tierBasis ?? undefined }, ctx));
export type PlanPatch = z.infer<typeof planPatchSchema>;

export const previewSchema = z.strictObject({
  event: enumInput(PLAN_EVENTS).optional(),
  insuranceType: enumInput(INSURANCE_TYPES),
  state: stateCode.optional(),
  conversionValueCents: money("conversionValueCents").optional(),
  partnerId: z.string().optional(),
});
export type PreviewInput = z.infer<typeof previewSchema>;

/** A reward's stored calculation, as GET /rewards/{id} answers it (`Calculation` in types.ts). */
export const calculationJson = z.strictObject({
  planId: z.uuid().nullable(),
  planVersionId: z.uuid().nullable(),
  planVersion: z.number().int().nullable(),
  planName: z.string().nullable(),
  event: z.enum([...PLAN_EVENTS, "BONUS"]),
  ruleId: z.string().nullable(),
  tier: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  baseCents: z.number().int().nullable(),
  rateBps: z.number().nullable(),
  rateSource: z.enum(["RULE", "OVERRIDE", "TIER"]).nullable(),
  multiplierBps: z.number().int().nullable(),
  flatCents: z.number().int(),
  grossCents: z.number().int(),
  capApplied: z.enum(["REWARD", "MONTHLY", "REFERRAL", "ANNUAL"]).nullable(),
  capCents: z.number().int().nullable(),
  amountCents: z.number().int(),
  currency: z.string().length(3),
  matched: z.boolean(),
  reason: z.string().nullable(),
  explanation: z.string(),
  bonus: z
    .strictObject({
      id: z.string(),
      name: z.string(),
      kind: z.enum(BONUS_KINDS),
      period: z.string(),
      target: z.number(),
      progress: z.number(),
    })
    .optional(),
  licence: z
    .strictObject({
      ruleState: z.string(),
      why: z.string(),
      feeSource: z.enum(["PLAN", "PROGRAM"]).nullable(),
      nonCashRequired: z.boolean(),
    })
    .optional(),
});

const ruleJson = z.looseObject({ id: z.string(), event: z.enum(PLAN_EVENTS) });
const documentJson = z.strictObject({
  name: z.string(),
  currency: z.string().length(3),
  rules: z.array(ruleJson),
  tiers: z.array(z.looseObject({ id: z.string(), name: z.string(), threshold: z.number() })).optional(),
  tierBasis: z.looseObject({ metric: z.string() }).optional(),
  bonuses: z.array(z.looseObject({ id: z.string(), name: z.string(), kind: z.enum(BONUS_KINDS) })).optional(),
  monthlyCapCents: z.number().int().nullable().optional(),
  unlicensedReferralFeeCents: z.number().int().nullable().optional(),
});
const at = z.iso.datetime().nullable();
export const planVersionJson = z.strictObject({
  id: z.uuid(),
  version: z.number().int(),
  effectiveFrom: z.iso.datetime(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  document: documentJson,
});
export const planJson = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  currency: z.string().length(3),
  isDefault: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: at,
  partnerCount: z.number().int().optional(),
  current: planVersionJson,
  versions: z.array(planVersionJson.omit({ document: true })).optional(),
  partners: z
    .array(
      z.strictObject({
        id: z.uuid(),
        name: z.string(),
        companyName: z.string().nullable(),
        commissionRateBps: z.number().int().nullable(),
      }),
    )
    .optional(),
});
export const planListJson = z.strictObject({ data: z.array(planJson) });
export const previewJson = z.strictObject({
  amountCents: z.number().int(),
  currency: z.string().length(3),
  calculation: calculationJson,
  explanation: z.string(),
});
export const partnerPlanJson = z.strictObject({
  plan: z.strictObject({ id: z.uuid(), name: z.string(), version: z.number().int(), currency: z.string() }).nullable(),
  overrideBps: z.number().int().nullable(),
  overrideDescription: z.string().nullable().optional(),
  rules: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string().nullable(),
      event: z.enum(PLAN_EVENTS),
      description: z.string(),
    }),
  ),
  monthlyCapCents: z.number().int().nullable(),
  tier: z
    .strictObject({
      metric: z.string(),
      window: z.union([z.literal("QUARTER"), z.number()]),
      value: z.number(),
      current: z
        .strictObject({
          id: z.string(),
          name: z.string(),
          rateBps: z.number().nullable(),
          multiplierBps: z.number().nullable(),
        })
        .nullable(),
      next: z
        .strictObject({ id: z.string(), name: z.string(), threshold: z.number(), remaining: z.number() })
        .nullable(),
    })
    .nullable(),
  goals: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      kind: z.enum(BONUS_KINDS),
      target: z.number(),
      progress: z.number(),
      flatCents: z.number().int(),
      reached: z.boolean(),
      description: z.string(),
    }),
  ),
  badges: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
