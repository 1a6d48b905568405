import { inArray } from "drizzle-orm";
import Papa from "papaparse";
import { partners } from "@/db/schema";
import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { centsToMajor } from "@/lib/money";
import { getPayout, payoutsForExport, type PayoutRow } from "@/lib/payouts/queries";

const COLUMNS = [
  "payoutId",
  "batchId",
  "partnerId",
  "partnerName",
  "partnerEmail",
  "paymentMethod",
  "payoutDetails",
  "amount",
  "amountCents",
  "currency",
  "rewardCount",
  "status",
  "transactionId",
  "createdAt",
] as const;

/**
 * The payout as CSV for the bank upload: `{id}` is a payout id, or a batch id for every payout of
 * that batch (one row per payout). Formula-looking cells are escaped so a spreadsheet never runs them.
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
    const people = await db
      .select({ id: partners.id, email: partners.email, payoutDetails: partners.payoutDetails })
      .from(partners)
      .where(inArray(partners.id, [...new Set(rows.map((r) => r.partnerId))]));
    const byId = new Map(people.map((p) => [p.id, p]));
    const csv = Papa.unparse(
      {
        fields: [...COLUMNS],
        data: rows.map((r) => [
          r.id,
          r.batchId ?? "",
          r.partnerId,
          r.partnerName,
          byId.get(r.partnerId)?.email ?? "",
          r.paymentMethod ?? "",
          byId.get(r.partnerId)?.payoutDetails ? JSON.stringify(byId.get(r.partnerId)?.payoutDetails) : "",
          centsToMajor(r.amountCents),
          r.amountCents,
          r.currency,
          r.rewardCount,
          r.status,
          r.transactionId ?? "",
          r.createdAt.toISOString(),
        ]),
      },
      { escapeFormulae: true },
    );
    const name = one ? `payout-${one.id}` : `payout-batch-${params.id}`;
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
