import { apiRoute } from "@/lib/api/handler";
import { batchFile } from "@/lib/payouts/files";
import { bankFileQuerySchema, batchIdParams } from "@/lib/payouts/schemas";

/**
 * A batch's bank or payment file (admins): `?format=nacha|sepa|paypal|csv`. Only the batch's PENDING
 * payouts that go by that rail; 409 with the reason when none does. Every file is audited with its hash.
 */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "The batch's NACHA, SEPA pain.001, PayPal Payouts or CSV file",
      description:
        "NACHA for USD payouts to US bank accounts, SEPA for EUR payouts to IBANs, PayPal for PayPal payees, CSV for the rest (docs/bank-files.md). 409 names why a format applies to no payout of the batch.",
      successStatus: 200,
    },
    params: batchIdParams,
    query: bankFileQuerySchema,
  },
  async ({ db, actor, params, query }) => {
    const file = await batchFile(db, params.batchId, query.format, actor);
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-payout-count": String(file.payoutIds.length),
        "x-file-sha256": file.sha256,
      },
    });
  },
);
