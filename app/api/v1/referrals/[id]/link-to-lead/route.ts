import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializeReferral } from "@/lib/api/serializers";
import { linkToLeadSchema } from "@/lib/referrals/schemas";
import { linkToLead } from "@/lib/referrals/service";
import { referralJson } from "@/lib/api/response-schemas";

/** `{ leadId }` (admins): a PENDING referral takes an existing lead and becomes ACCEPTED. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Link a PENDING referral to an existing lead → ACCEPTED (admins)",
      response: referralJson,
      successStatus: 200,
    },
    params: idParams,
    body: linkToLeadSchema,
  },
  async ({ db, actor, params, body }) => serializeReferral(await linkToLead(db, params.id, body, actor)),
);
