import { adminActionRoute } from "@/lib/api/doors";
import { serializeReward } from "@/lib/api/serializers";
import { cancelRewardSchema } from "@/lib/rewards/schemas";
import { cancelReward } from "@/lib/rewards/service";
import { rewardJson } from "@/lib/api/response-schemas";

/** `{ reason }` (admins): PENDING, CALCULATED or APPROVED → CANCELLED; otherwise 409 naming the status. */
export const POST = adminActionRoute(
  { summary: "Cancel a reward with a reason (admins)", response: rewardJson, successStatus: 200 },
  cancelRewardSchema,
  cancelReward,
  serializeReward,
);
