import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializePayout } from "@/lib/api/serializers";
import { markPayoutFailedSchema } from "@/lib/payouts/schemas";
import { markPayoutFailed } from "@/lib/payouts/service";

/** `{ reason }` (admins): PENDING → FAILED; its rewards return to APPROVED for the next batch. */
export const POST = apiRoute({ auth: "admin", params: idParams, body: markPayoutFailedSchema }, async ({ db, actor, params, body }) =>
  serializePayout(await markPayoutFailed(db, params.id, body, actor)),
);
