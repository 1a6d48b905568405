import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializeReward } from "@/lib/api/serializers";
import { approveRewardSchema } from "@/lib/rewards/schemas";
import { approveReward } from "@/lib/rewards/service";
import { rewardJson } from "@/lib/api/response-schemas";

/** CALCULATED → APPROVED once its hold passed; before that only with `{ "override": true, "reason" }`. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Approve a CALCULATED reward (override with a reason while on hold)",
      response: rewardJson,
      successStatus: 200,
    },
    params: idParams,
    body: approveRewardSchema.optional(),
  },
  async ({ db, actor, params, body }) => serializeReward(await approveReward(db, params.id, body ?? {}, actor)),
);
