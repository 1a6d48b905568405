import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializeReward } from "@/lib/api/serializers";
import { updateRewardDetails, updateRewardSchema } from "@/lib/rewards/details";
import { getReward } from "@/lib/rewards/queries";
import { rewardJson } from "@/lib/api/response-schemas";

/** One reward (another partner's → 404). */
export const GET = apiRoute(
  { auth: "any", doc: { summary: "Get a reward", response: rewardJson, successStatus: 200 }, params: idParams },
  async ({ db, principal, params }) =>
    serializeReward(found(await getReward(db, scopeOf(principal), params.id), "Reward")),
);

/** The description and hold of a PENDING/CALCULATED reward (admins; partners never change rewards). */
export const PATCH = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Edit a PENDING/CALCULATED reward's description or hold (admins)",
      response: rewardJson,
      successStatus: 200,
    },
    params: idParams,
    body: updateRewardSchema,
  },
  async ({ db, actor, params, body }) => {
    await updateRewardDetails(db, params.id, body, actor);
    return serializeReward(found(await getReward(db, {}, params.id), "Reward"));
  },
);
