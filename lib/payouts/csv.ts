import Papa from "papaparse";
import type { DbOrTx } from "@/db";
import { centsToDecimal } from "@/components/ui/format";
import { payoutItemsFor, payoutsForExport } from "@/lib/payouts/queries";
import type { RawListInput, Scope } from "@/lib/query/list";

export const PAYOUT_CSV_COLUMNS = [
  "payout_id",
  "created_at",
  "paid_at",
  "status",
  "amount",
  "currency",
  "payment_method",
  "transaction_id",
  "reward_count",
  "reward_ids",
  "failure_reason",
] as const;

/** A partner's payout history as CSV (papaparse): every row of the filter, in its sort (newest first by default), amounts as exact decimals. */
export async function payoutHistoryCsv(db: DbOrTx, scope: Scope, filter: RawListInput = {}): Promise<string> {
  const rows = await payoutsForExport(db, scope, filter);
  const items = await payoutItemsFor(
    db,
    scope,
    rows.map((r) => r.id),
  );
  return Papa.unparse({
    fields: [...PAYOUT_CSV_COLUMNS],
    data: rows.map((p) => [
      p.id,
      p.createdAt.toISOString(),
      p.paidAt?.toISOString() ?? "",
      p.status,
      centsToDecimal(p.amountCents),
      p.currency,
      p.paymentMethod ?? "",
      p.transactionId ?? "",
      p.rewardCount,
      (items.get(p.id) ?? []).map((i) => i.rewardId).join(" "),
      p.failureReason ?? "",
    ]),
  });
}
