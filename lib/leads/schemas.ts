import { conversionValueFields, oneConversionValue, oneConversionValueIssue } from "@/lib/amounts";
import { z } from "zod";
import { INSURANCE_TYPES, LEAD_STATUSES } from "@/db/schema/enums";
import { emailInput, enumInput, optionalMultilineText, optionalText, phoneInput, requiredText } from "@/lib/validation";

/** A blank form field is "not given", not an invalid value. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const consentSchema = z.strictObject({
  given: z.literal(true, { error: () => "Please agree to be contacted so we can send your quote" }),
  textVersion: requiredText(50, "The consent text version is required"),
  ip: optionalText(64),
  userAgent: optionalText(500),
  pageUrl: optionalText(2000),
});

/** The lead body, the same on every path (quote form, POST /leads, `lead` in POST /referrals, CRM webhook). */
export const leadInputSchema = z
  .strictObject({
    firstName: requiredText(100, "Enter your first name"),
    lastName: requiredText(100, "Enter your last name"),
    email: z.preprocess(blankToUndefined, emailInput("Enter a valid e-mail address, like name@example.com").optional()),
    phone: z.preprocess(blankToUndefined, phoneInput("Enter a phone number with 7 to 15 digits").optional()),
    state: z.preprocess(
      (v) => (typeof v === "string" ? blankToUndefined(v.trim().toUpperCase()) : v),
      z
        .string()
        .regex(/^[A-Z]{2}$/, "Use the two-letter state code, like TX")
        .optional(),
    ),
    zip: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code")
        .optional(),
    ),
    insuranceType: enumInput(INSURANCE_TYPES, "Choose the type of insurance"),
    message: optionalMultilineText(2000),
    referralCode: optionalText(64),
    source: optionalText(100),
    subId: optionalText(200),
    externalId: optionalText(200),
    utmSource: optionalText(200),
    utmMedium: optionalText(200),
    utmCampaign: optionalText(200),
    utmTerm: optionalText(200),
    utmContent: optionalText(200),
    consent: consentSchema,
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) {
      const message = "Enter an e-mail address or a phone number";
      ctx.addIssue({ code: "custom", path: ["email"], message });
      ctx.addIssue({ code: "custom", path: ["phone"], message });
    }
  });
export type LeadInput = z.infer<typeof leadInputSchema>;

/** A lead's status change (admin, integration key, CRM webhook); a value in major units or cents. */
export const leadStatusSchema = z
  .strictObject({
    status: enumInput(LEAD_STATUSES),
    ...conversionValueFields,
  })
  .refine(oneConversionValue, oneConversionValueIssue);
export type LeadStatusInput = z.infer<typeof leadStatusSchema>;
