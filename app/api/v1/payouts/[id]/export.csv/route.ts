import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { csvResponse } from "@/lib/csv";
import { payoutsCsv } from "@/lib/payouts/csv";
import { getPayout, payoutsForExport, type PayoutRow } from "@/lib/payouts/queries";

/**
 * The payout as CSV for the bank upload: `{id}` is a payout id, or a batch id for every payout of
 * that batch (one row per payout). The columns and the formula escaping: docs/payouts.md#payout-csv-columns.
 */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "The payout (or its whole batch, by batch id) as CSV for the bank", successStatus: 200 },
    params: idParams,
  },
  async ({ db, principal, params }) => {
    const scope = scopeOf(principal);
    const one = await getPayout(db, scope, params.id);
    const rows: PayoutRow[] = one ? [one] : await payoutsForExport(db, scope, { batchId: params.id });
    found(rows[0], "Payout");
    const name = one ? `payout-${one.id}` : `payout-batch-${params.id}`;
    return csvResponse(await payoutsCsv(db, rows), `${name}.csv`);
  },
);
