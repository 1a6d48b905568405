import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializeReward } from "@/lib/api/serializers";
import { approveRewardSchema } from "@/lib/rewards/schemas";
import { approveReward } from "@/lib/rewards/service";

/** CALCULATED → APPROVED once its hold passed; before that only with `{ "override": true, "reason" }`. */
export const POST = apiRoute({ auth: "admin", params: idParams, body: approveRewardSchema.optional() }, async ({ db, actor, params, body }) =>
  serializeReward(await approveReward(db, params.id, body ?? {}, actor)),
);
