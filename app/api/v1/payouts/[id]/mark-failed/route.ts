import { adminActionRoute } from "@/lib/api/doors";
import { serializePayout } from "@/lib/api/serializers";
import { markPayoutFailedSchema } from "@/lib/payouts/schemas";
import { markPayoutFailed } from "@/lib/payouts/service";
import { payoutJson } from "@/lib/api/response-schemas";

/** `{ reason }` (admins): PENDING → FAILED; its rewards return to APPROVED for the next batch. */
export const POST = adminActionRoute(
  { summary: "Mark a PENDING payout failed; its rewards return to APPROVED", response: payoutJson, successStatus: 200 },
  markPayoutFailedSchema,
  markPayoutFailed,
  serializePayout,
);
