import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializePayout } from "@/lib/api/serializers";
import { markPayoutFailedSchema } from "@/lib/payouts/schemas";
import { markPayoutFailed } from "@/lib/payouts/service";
import { payoutJson } from "@/lib/api/response-schemas";

/** `{ reason }` (admins): PENDING → FAILED; its rewards return to APPROVED for the next batch. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Mark a PENDING payout failed; its rewards return to APPROVED",
      response: payoutJson,
      successStatus: 200,
    },
    params: idParams,
    body: markPayoutFailedSchema,
  },
  async ({ db, actor, params, body }) => serializePayout(await markPayoutFailed(db, params.id, body, actor)),
);
