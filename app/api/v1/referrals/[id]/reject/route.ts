import { adminActionRoute } from "@/lib/api/doors";
import { serializeReferral } from "@/lib/api/serializers";
import { rejectReferralSchema } from "@/lib/referrals/schemas";
import { rejectReferral } from "@/lib/referrals/service";
import { referralJson } from "@/lib/api/response-schemas";

/** `{ reason }` (admins): PENDING or ACCEPTED → REJECTED; any other status answers 409 naming it. */
export const POST = adminActionRoute(
  { summary: "Reject a referral with a reason (admins)", response: referralJson, successStatus: 200 },
  rejectReferralSchema,
  rejectReferral,
  serializeReferral,
);
