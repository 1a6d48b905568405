import { getByIdRoute, readResource } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";
import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { updateRewardDetails, updateRewardSchema } from "@/lib/rewards/details";
import { rewardJson } from "@/lib/api/response-schemas";

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
    return readResource(apiResources.reward, db, {}, params.id);
  },
);

/** One reward (another partner's → 404). */
export const GET = getByIdRoute(apiResources.reward, "Get a reward");
