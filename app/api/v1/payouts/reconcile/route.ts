import { apiRoute } from "@/lib/api/handler";
import { confirmationReportJson } from "@/lib/api/response-schemas";
import { applyPaymentConfirmation, previewPaymentConfirmation } from "@/lib/payouts/confirmation";
import { reconcileSchema } from "@/lib/payouts/schemas";

/**
 * The bank's confirmation or returns file (admins): paid rows → PAID, failed or returned ones (R01…) →
 * FAILED with the reason and their rewards back to Approved. Applied in one transaction; a replay answers
 * `unchanged` per row. `preview: true` writes nothing.
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Import the bank's confirmation or returns (CSV text, a multipart file, or JSON rows), with a preview",
      description:
        "Rows name a payout by `payoutId` or ACH `traceNumber`, with `status` PAID, FAILED or RETURNED, `transactionId` when paid, `returnCode` (R01…) and/or `failureReason` when not (docs/payouts.md). As multipart/form-data, the CSV is the `file` field (and `preview=true` a field beside it); 1 MB at most either way.",
      response: confirmationReportJson,
      successStatus: 200,
    },
    body: reconcileSchema,
    upload: { field: "file", as: "csv" },
  },
  async ({ db, actor, body }) => {
    const input = body.csv !== undefined ? { csv: body.csv } : { rows: body.rows! };
    return body.preview ? previewPaymentConfirmation(db, input) : applyPaymentConfirmation(db, input, actor);
  },
);
