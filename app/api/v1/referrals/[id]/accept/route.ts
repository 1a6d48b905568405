import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { emptyBody } from "@/lib/api/scope";
import { serializeReferral } from "@/lib/api/serializers";
import { acceptReferral } from "@/lib/referrals/service";
import { referralJson } from "@/lib/api/response-schemas";

/** PENDING → ACCEPTED (admins); any other status answers 409 naming it. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Accept a PENDING referral (admins)", response: referralJson, successStatus: 200 },
    params: idParams,
    body: emptyBody,
  },
  async ({ db, actor, params }) => serializeReferral(await acceptReferral(db, params.id, actor)),
);
