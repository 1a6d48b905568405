import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializeReward } from "@/lib/api/serializers";
import { getReward } from "@/lib/rewards/queries";

/** One reward (another partner's → 404). */
export const GET = apiRoute({ auth: "any", params: idParams }, async ({ db, principal, params }) =>
  serializeReward(found(await getReward(db, scopeOf(principal), params.id), "Reward")),
);
