import { z } from "zod";
import { PARTNER_STATUSES, PAYMENT_METHODS } from "@/db/schema/enums";
import { emailInput, enumInput, optionalText, phoneInput, requiredText, singleLine } from "@/lib/validation";

const rateBps = z
  .number({ error: () => "Must be a whole number of basis points" })
  .int("Must be a whole number of basis points")
  .min(0, "At least 0 bp")
  .max(10000, "At most 10,000 bp (100 %)");
const currencyCode = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string().regex(/^[A-Z]{3}$/, "A three-letter ISO currency code such as USD"),
);
const stateCode = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string().regex(/^[A-Z]{2}$/, "Two-letter state codes such as TX"),
);

const partnerFields = {
  firstName: requiredText(100, "Enter a first name"),
  lastName: requiredText(100, "Enter a last name"),
  email: emailInput(),
  phone: phoneInput().optional(),
  companyName: optionalText(200),
  /** The partner override; null or absent = the plan's rates. */
  commissionRateBps: rateBps.nullable().optional(),
  /** Null = the default plan. */
  commissionPlanId: z
    .uuid({ error: () => "No commission plan with this id" })
    .nullable()
    .optional(),
  currency: currencyCode.optional(),
  /** The currency payouts are made in; null = the partner's own currency (docs/payouts.md#currencies). */
  payoutCurrency: currencyCode.nullable().optional(),
  npn: optionalText(20),
  licensedStates: z.array(stateCode).max(60).optional(),
  payoutMethod: enumInput(PAYMENT_METHODS).optional(),
  payoutDetails: z.record(singleLine(100), singleLine(500)).optional(),
  minimumPayoutCents: z.number().int().min(0).max(100_000_000).nullable().optional(),
};

export const createPartnerSchema = z.strictObject(partnerFields);
export type CreatePartnerInput = z.infer<typeof createPartnerSchema>;

/** Profile changes; status moves through changePartnerStatus only. */
export const updatePartnerSchema = z
  .strictObject({
    ...partnerFields,
    phone: phoneInput().nullable().optional(),
    companyName: optionalText(200).nullable(),
  })
  .partial();
export type UpdatePartnerInput = z.infer<typeof updatePartnerSchema>;

export const partnerStatusSchema = z.strictObject({
  status: enumInput(PARTNER_STATUSES),
  reason: optionalText(500),
});
export type PartnerStatusInput = z.infer<typeof partnerStatusSchema>;

/** The payout-currency forms (portal and console): blank = the partner's own currency. */
export const payoutCurrencyFormSchema = z.strictObject({
  payoutCurrency: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), currencyCode.nullable()),
});
