import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializeReferral } from "@/lib/api/serializers";
import { rejectReferralSchema } from "@/lib/referrals/schemas";
import { rejectReferral } from "@/lib/referrals/service";
import { referralJson } from "@/lib/api/response-schemas";

/** `{ reason }` (admins): PENDING or ACCEPTED → REJECTED; any other status answers 409 naming it. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Reject a referral with a reason (admins)", response: referralJson, successStatus: 200 },
    params: idParams,
    body: rejectReferralSchema,
  },
  async ({ db, actor, params, body }) => serializeReferral(await rejectReferral(db, params.id, body, actor)),
);
