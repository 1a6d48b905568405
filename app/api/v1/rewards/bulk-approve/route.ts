import { apiRoute } from "@/lib/api/handler";
import { bulkApproveSchema } from "@/lib/rewards/schemas";
import { bulkApproveRewards } from "@/lib/rewards/service";

/**
 * `{ rewardIds: [≤1,000] }` → `{ results: [{ id, result, reason? }] }`, or `{ filter }` → `{ approved,
 * skipped, remaining }` (≤10,000 per call; send again while remaining > 0). Either may add
 * `"override": true, "reason"` for rewards still on hold.
 */
export const POST = apiRoute({ auth: "admin", body: bulkApproveSchema }, ({ db, actor, body }) =>
  bulkApproveRewards(db, body.rewardIds ? { rewardIds: body.rewardIds } : { filter: body.filter ?? {} }, { override: body.override, reason: body.reason }, actor),
);
