import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializeReward } from "@/lib/api/serializers";
import { cancelRewardSchema } from "@/lib/rewards/schemas";
import { cancelReward } from "@/lib/rewards/service";
import { rewardJson } from "@/lib/api/response-schemas";

/** `{ reason }` (admins): PENDING, CALCULATED or APPROVED → CANCELLED; otherwise 409 naming the status. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Cancel a reward with a reason (admins)", response: rewardJson, successStatus: 200 },
    params: idParams,
    body: cancelRewardSchema,
  },
  async ({ db, actor, params, body }) => serializeReward(await cancelReward(db, params.id, body, actor)),
);
