import { apiRoute, created } from "@/lib/api/handler";
import { scopeOf } from "@/lib/api/scope";
import { serializePage, serializeReward } from "@/lib/api/serializers";
import { listRewards, rewardListSchema } from "@/lib/rewards/queries";
import { manualRewardSchema } from "@/lib/rewards/schemas";
import { createManualReward } from "@/lib/rewards/service";
import { pageOf, rewardJson } from "@/lib/api/response-schemas";

/** Rewards with status, type, partnerId, referralId, payoutId, q, from, to, sort and pages (partners: their own). */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "List rewards (partners: their own)", response: pageOf(rewardJson), successStatus: 200 },
    query: rewardListSchema,
  },
  async ({ db, principal, query }) => serializePage(await listRewards(db, scopeOf(principal), query), serializeReward),
);

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
