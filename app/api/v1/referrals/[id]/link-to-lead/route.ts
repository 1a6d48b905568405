import { adminActionRoute } from "@/lib/api/doors";
import { serializeReferral } from "@/lib/api/serializers";
import { linkToLeadSchema } from "@/lib/referrals/schemas";
import { linkToLead } from "@/lib/referrals/service";
import { referralJson } from "@/lib/api/response-schemas";

/** `{ leadId }` (admins): a PENDING referral takes an existing lead and becomes ACCEPTED. */
export const POST = adminActionRoute(
  {
    summary: "Link a PENDING referral to an existing lead → ACCEPTED (admins)",
    response: referralJson,
    successStatus: 200,
  },
  linkToLeadSchema,
  linkToLead,
  serializeReferral,
);
