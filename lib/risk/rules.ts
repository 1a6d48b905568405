import { z } from "zod";

/** Every fraud signal the engine records (docs/fraud-review.md). */
export const SIGNAL_KINDS = [
  "VELOCITY",
  "SHARED_IDENTITY",
  "NO_CLICK",
  "TOO_FAST_FORM",
  "TOO_FAST_CONVERSION",
  "DISPOSABLE_EMAIL",
  "PARTNER_OUTLIER",
  "SELF_REFERRAL",
  "DUPLICATE_LEAD",
  "PARTNER_REVIEW",
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

const range = (min: number, max: number) => `Must be from ${min} to ${max}`;
const int = (min: number, max: number) =>
  z
    .number({ error: "Must be a whole number" })
    .int("Must be a whole number")
    .min(min, range(min, max))
    .max(max, range(min, max));

/** Weights and thresholds (the `riskRules` setting); each key falls back to its default. */
export const riskRulesSchema = z
  .object({
    weights: z
      .object(Object.fromEntries(SIGNAL_KINDS.map((k) => [k, int(0, 1000)])) as Record<SignalKind, z.ZodNumber>)
      .strict()
      .partial(),
    /** A referral whose score reaches this has its rewards created held for review. */
    holdThreshold: int(1, 100_000),
    /** More than this many leads from one IP hash inside the window fires VELOCITY. */
    velocityMaxLeadsPerIp: int(1, 100_000),
    velocityWindowMinutes: int(1, 10_080),
    /** How far back a near-identical e-mail or phone of another partner counts. */
    sharedIdentityDays: int(1, 730),
    /** The form submitted less than this many seconds after the click. */
    tooFastFormSeconds: int(0, 3_600),
    /** The conversion came less than this many minutes after the referral. */
    tooFastConversionMinutes: int(0, 10_080),
    outlierDays: int(7, 365),
    /** Partners with fewer referrals in the period are not compared. */
    outlierMinReferrals: int(1, 100_000),
    /** How many scaled MADs above the program's median counts as an outlier. */
    outlierMadFactor: z.number({ error: "Must be a number, e.g. 3.5" }).min(1, range(1, 100)).max(100, range(1, 100)),
  })
  .strict()
  .partial();

export type RiskRulesInput = z.infer<typeof riskRulesSchema>;

export const DEFAULT_WEIGHTS: Record<SignalKind, number> = {
  VELOCITY: 40,
  SHARED_IDENTITY: 40,
  NO_CLICK: 20,
  TOO_FAST_FORM: 15,
  TOO_FAST_CONVERSION: 20,
  DISPOSABLE_EMAIL: 30,
  PARTNER_OUTLIER: 30,
  SELF_REFERRAL: 60,
  DUPLICATE_LEAD: 20,
  PARTNER_REVIEW: 100,
};

export const DEFAULT_RULES = {
  holdThreshold: 50,
  velocityMaxLeadsPerIp: 3,
  velocityWindowMinutes: 60,
  sharedIdentityDays: 90,
  tooFastFormSeconds: 5,
  tooFastConversionMinutes: 10,
  outlierDays: 90,
  outlierMinReferrals: 20,
  outlierMadFactor: 3.5,
};

export type RiskRules = typeof DEFAULT_RULES & { weights: Record<SignalKind, number> };

/** The stored setting merged over the defaults; an unreadable stored value counts as no setting. */
export function riskRules(stored: unknown): RiskRules {
  const parsed = riskRulesSchema.safeParse(stored ?? {});
  const v = parsed.success ? parsed.data : {};
  return { ...DEFAULT_RULES, ...v, weights: { ...DEFAULT_WEIGHTS, ...(v.weights ?? {}) } };
}
