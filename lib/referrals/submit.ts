import { z } from "zod";
import type { DbOrTx } from "@/db";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { leadInputSchema } from "@/lib/leads/schemas";
import { captureLead } from "@/lib/leads/service";
import { getPartner } from "@/lib/partners/queries";

/** What the partner confirms for a prospect met in person or by phone; stored (hashed) as the consent text. */
export const PARTNER_ATTESTATION_VERSION = "partner-attestation-v1";
export const PARTNER_ATTESTATION_TEXT =
  "I confirm that this person agreed to be contacted by Acme Insurance Quotes about an insurance quote, by e-mail or phone, and that I may share their details for that purpose.";

/** Sources a partner can choose for a referral it submits by hand (web sources come from links). */
export const MANUAL_SOURCES = ["IN_PERSON", "PHONE", "EMAIL", "SOCIAL_MEDIA", "OTHER"] as const;

/** The form: prospect details, how the partner met them, and the partner's confirmation. */
export const submitReferralSchema = z.object({
  firstName: z.unknown(),
  lastName: z.unknown(),
  email: z.unknown().optional(),
  phone: z.unknown().optional(),
  state: z.unknown().optional(),
  zip: z.unknown().optional(),
  insuranceType: z.unknown(),
  message: z.unknown().optional(),
  source: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.enum(MANUAL_SOURCES, { error: () => "Choose how you met this person" }),
  ),
  consentConfirmed: z.preprocess(
    (v) => v === "on" || v === "true" || v === true,
    z.literal(true, { error: () => "Confirm that this person agreed to be contacted" }),
  ),
});
export type SubmitReferralInput = z.output<typeof submitReferralSchema>;

/**
 * A prospect submitted by a partner: the lead and its referral through the same engine as the quote
 * form (channel PARTNER, the partner's current code), so duplicate and self-referral rules apply.
 */
export async function submitPartnerReferral(db: DbOrTx, partnerId: string, input: SubmitReferralInput, actor: Actor) {
  const partner = await getPartner(db, { partnerId }, partnerId);
  if (!partner?.referralCode)
    throw new AppError("invalid_state", "Your account has no referral code; contact the program team.");
  if (partner.status !== "ACTIVE")
    throw new AppError("invalid_state", "Only active partners can submit referrals.", {
      extra: { currentStatus: partner.status },
    });
  const { source, consentConfirmed: _c, ...prospect } = input;
  const lead = leadInputSchema.parse({
    ...prospect,
    referralCode: partner.referralCode,
    source,
    consent: { given: true, textVersion: PARTNER_ATTESTATION_VERSION },
  });
  const result = await captureLead(db, lead, { actor, channel: "PARTNER", consentText: PARTNER_ATTESTATION_TEXT });
  if (!result.referral)
    throw new AppError("conflict", "The prospect was saved, but no referral could be recorded for your code.");
  return {
    referralId: result.referral.id,
    status: result.referral.status,
    rejectionReason: result.referral.rejectionReason,
  };
}
