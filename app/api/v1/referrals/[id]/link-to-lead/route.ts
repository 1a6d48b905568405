import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializeReferral } from "@/lib/api/serializers";
import { linkToLeadSchema } from "@/lib/referrals/schemas";
import { linkToLead } from "@/lib/referrals/service";

/** The seed's `{ leadId }` (admins): a PENDING referral takes an existing lead and becomes ACCEPTED. */
export const POST = apiRoute({ auth: "admin", params: idParams, body: linkToLeadSchema }, async ({ db, actor, params, body }) =>
  serializeReferral(await linkToLead(db, params.id, body, actor)),
);
