import { conversionValueFields, oneConversionValue, oneConversionValueIssue } from "@/lib/amounts";
import { z } from "zod";
import { REFERRAL_SOURCES } from "@/db/schema/enums";
import { leadInputSchema } from "@/lib/leads/schemas";
import { enumInput, optionalMultilineText, optionalText, requiredText, uuidInput } from "@/lib/validation";

const utm = {
  subId: optionalText(200),
  utmSource: optionalText(200),
  utmMedium: optionalText(200),
  utmCampaign: optionalText(200),
  utmTerm: optionalText(200),
  utmContent: optionalText(200),
};

/** POST /referrals: `{ partnerId, referralCode, source }` plus an optional existing lead id or a new lead. */
export const createReferralSchema = z
  .strictObject({
    partnerId: uuidInput("Must be a partner id"),
    referralCode: requiredText(64, "Enter the referral code"),
    source: enumInput(REFERRAL_SOURCES).default("WEBSITE"),
    leadId: uuidInput("Must be a lead id").optional(),
    lead: leadInputSchema.optional(),
    notes: optionalMultilineText(2000),
    ...utm,
  })
  .refine((v) => !(v.leadId && v.lead), { message: "Give leadId or lead, not both", path: ["lead"] });
export type CreateReferralInput = z.infer<typeof createReferralSchema>;

export const linkToLeadSchema = z.strictObject({ leadId: uuidInput("Must be a lead id") });
export const rejectReferralSchema = z.strictObject({ reason: requiredText(500, "Give a reason") });

/** Major units (`1000.0`, docs/api.md#input), or exact cents. */
export const processConversionSchema = z
  .strictObject({
    ...conversionValueFields,
  })
  .refine(oneConversionValue, oneConversionValueIssue);
export type ProcessConversionInput = z.infer<typeof processConversionSchema>;

/** The id-less `POST /referrals/process-conversion`: the referral id travels in the body (docs/api.md#actions). */
export const processConversionByBodySchema = processConversionSchema.extend({ referralId: z.guid("Must be a UUID") });
