import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializeReward } from "@/lib/api/serializers";
import { cancelRewardSchema } from "@/lib/rewards/schemas";
import { cancelReward } from "@/lib/rewards/service";

/** `{ reason }` (admins): PENDING, CALCULATED or APPROVED → CANCELLED; otherwise 409 naming the status. */
export const POST = apiRoute({ auth: "admin", params: idParams, body: cancelRewardSchema }, async ({ db, actor, params, body }) =>
  serializeReward(await cancelReward(db, params.id, body, actor)),
);
