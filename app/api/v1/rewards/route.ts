import { listRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";
import { apiRoute, created } from "@/lib/api/handler";
import { serializeReward } from "@/lib/api/serializers";
import { manualRewardSchema } from "@/lib/rewards/schemas";
import { createManualReward } from "@/lib/rewards/service";
import { rewardJson } from "@/lib/api/response-schemas";

/** A manual reward by an admin: BONUS, ADJUSTMENT or CLAWBACK (stored negative) with a reason. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Create a manual reward: bonus, adjustment or clawback (admins)",
      response: rewardJson,
      successStatus: 201,
    },
    body: manualRewardSchema,
  },
  async ({ db, actor, body }) => created(serializeReward(await createManualReward(db, body, actor))),
);

/** Rewards with status, type, partnerId, referralId, payoutId, q, from, to, sort and pages (partners: their own). */
export const GET = listRoute(apiResources.reward, "List rewards (partners: their own)");
