"use server";

import { redirect } from "next/navigation";
import { partnerAction } from "@/lib/actions/safe-action";
import { submitPartnerReferral, submitReferralSchema } from "@/lib/referrals/submit";

/** Submit a referral → the new referral's page (a rejected duplicate shows there with its reason). */
export const submitReferralAction = partnerAction(submitReferralSchema, async (input, { db, user, actor }) => {
  const r = await submitPartnerReferral(db, user.partnerId, input, actor);
  redirect(`/portal/referrals/${r.referralId}?submitted=1`);
});
