import { apiRoute } from "@/lib/api/handler";
import { bulkApproveSchema } from "@/lib/rewards/schemas";
import { bulkApproveRewards } from "@/lib/rewards/service";
import { bulkApproveJson } from "@/lib/api/response-schemas";

/**
 * `{ rewardIds: [≤1,000] }` → `{ results: [{ id, result, reason? }] }`, or `{ filter }` → `{ approved,
 * skipped, remaining }` (≤10,000 per call; send again while remaining > 0). Either may add
 * `"override": true, "reason"` for rewards still on hold.
 */
const description =
  "`filter` takes the filters of GET /api/v1/rewards (`status`, `type`, `partnerId`, `referralId`, `payoutId`, `q`, `from`, `to`), parsed and matched the same way; only `CALCULATED` rewards among the matches are approved.";
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Approve rewards by ids (≤1,000, a result each) or by filter (≤10,000, counts)",
      description,
      response: bulkApproveJson,
      successStatus: 200,
    },
    body: bulkApproveSchema,
  },
  ({ db, actor, body }) =>
    bulkApproveRewards(
      db,
      body.rewardIds ? { rewardIds: body.rewardIds } : { filter: body.filter ?? {} },
      { override: body.override, reason: body.reason },
      actor,
    ),
);
