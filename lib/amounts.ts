import { z } from "zod";

/**
 * Bounds of money in requests, shared by the zod schemas, lib/money.ts and so the OpenAPI document
 * (generated from the schemas): what the document says is what the server accepts (docs/security.md,
 * "Numbers and money").
 */

/** Largest amount in major units: anything above is a typo or an attack, not a policy. */
export const MAX_AMOUNT_MAJOR = 1e12;
/** The same bound in cents. */
export const MAX_AMOUNT_CENTS = MAX_AMOUNT_MAJOR * 100;
/** A manual reward, bonus or clawback: at most this many cents either way. */
export const MAX_MANUAL_REWARD_CENTS = 1e12;
/** A batch's minimum payout, in cents. */
export const MAX_MINIMUM_CENTS = 1e12;

/**
 * Major units as a JSON number or as text ("1000.00"): surrounding whitespace is trimmed, what is left must
 * be digits with at most two decimals; lib/money.ts majorToCents does the exact conversion and says what
 * is wrong.
 */
export const MAJOR_AMOUNT_TEXT = String.raw`^\s*(\d+(\.\d{0,2})?|\.\d{1,2})\s*$`;
export const majorAmountInput = z.union([
  z.number().min(0, "Must not be negative").max(MAX_AMOUNT_MAJOR, "Amount is too large"),
  z
    .string()
    .max(40, "Amount is too large")
    .meta({ pattern: MAJOR_AMOUNT_TEXT, description: `At most ${MAX_AMOUNT_MAJOR} with two decimals` }),
]);

/**
 * A conversion value, in major units (`conversionValue`) or exact cents (`conversionValueCents`), never both:
 * spread into a request schema and checked with {@link oneConversionValue} and its issue (lead status changes and referral
 * conversions).
 */
export const conversionValueFields = {
  conversionValue: majorAmountInput.optional(),
  conversionValueCents: z
    .number()
    .int("Whole cents")
    .min(0, "Must not be negative")
    .max(MAX_AMOUNT_CENTS, "Amount is too large")
    .optional(),
};
export function oneConversionValue(v: { conversionValue?: unknown; conversionValueCents?: unknown }): boolean {
  return v.conversionValue === undefined || v.conversionValueCents === undefined;
}
export const oneConversionValueIssue = {
  message: "Give conversionValue or conversionValueCents, not both",
  path: ["conversionValue"],
};
