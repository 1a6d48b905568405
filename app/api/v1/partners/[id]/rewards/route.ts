import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializePage, serializeReward } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";
import { listRewards, rewardListSchema } from "@/lib/rewards/queries";
import { pageOf, rewardJson } from "@/lib/api/response-schemas";

/** One partner's rewards, with the filters of GET /rewards (another partner's id → 404). */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "A partner's rewards", response: pageOf(rewardJson), successStatus: 200 },
    params: idParams,
    query: rewardListSchema.omit({ partnerId: true }),
  },
  async ({ db, principal, params, query }) => {
    const scope = scopeOf(principal);
    found(await getPartner(db, scope, params.id), "Partner");
    return serializePage(await listRewards(db, scope, { ...query, partnerId: params.id }), serializeReward);
  },
);
