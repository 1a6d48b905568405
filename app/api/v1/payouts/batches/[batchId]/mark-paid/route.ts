import { apiRoute } from "@/lib/api/handler";
import { markBatchPaid } from "@/lib/payouts/batch-payment";
import { batchIdParams, markBatchPaidSchema } from "@/lib/payouts/schemas";
import { batchPaymentJson } from "@/lib/api/response-schemas";

/** Every PENDING payout of the batch → PAID in one transaction (docs/payouts.md); a repeat changes nothing. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Mark the whole batch paid, in one transaction",
      description:
        "`reference` gives each payout `<reference>-<first 8 characters of its id>`; `transactionIds` names one per payout. Failed payouts and payouts paid under another id are skipped.",
      response: batchPaymentJson,
      successStatus: 200,
    },
    params: batchIdParams,
    body: markBatchPaidSchema,
  },
  async ({ db, actor, params, body }) => markBatchPaid(db, params.batchId, body, actor),
);
