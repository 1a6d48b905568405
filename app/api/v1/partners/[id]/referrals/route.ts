import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializePage, serializeReferral } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";
import { listReferrals, referralListSchema } from "@/lib/referrals/queries";
import { pageOf, referralJson } from "@/lib/api/response-schemas";

/** One partner's referrals, with the filters of GET /referrals (another partner's id → 404). */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "A partner's referrals", response: pageOf(referralJson), successStatus: 200 },
    params: idParams,
    query: referralListSchema.omit({ partnerId: true }),
  },
  async ({ db, principal, params, query }) => {
    const scope = scopeOf(principal);
    found(await getPartner(db, scope, params.id), "Partner");
    return serializePage(await listReferrals(db, scope, { ...query, partnerId: params.id }), serializeReferral);
  },
);
