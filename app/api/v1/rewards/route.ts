import { apiRoute } from "@/lib/api/handler";
import { scopeOf } from "@/lib/api/scope";
import { serializePage, serializeReward } from "@/lib/api/serializers";
import { listRewards, rewardListSchema } from "@/lib/rewards/queries";

/** Rewards with status, type, partnerId, referralId, payoutId, q, from, to, sort and pages (partners: their own). */
export const GET = apiRoute({ auth: "any", query: rewardListSchema }, async ({ db, principal, query }) =>
  serializePage(await listRewards(db, scopeOf(principal), query), serializeReward),
);
