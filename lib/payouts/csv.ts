import { asc, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { payoutItems } from "@/db/schema";
import { toCsv, type CsvValue } from "@/lib/csv";
import { centsToMajor } from "@/lib/decimal";
import { payoutDetailsOf, summaryOf, type PayoutDetailsView } from "@/lib/payout-details/service";
import { payoutsForExport, type PayoutRow } from "@/lib/payouts/queries";
import type { RawListInput, Scope } from "@/lib/query/list";

/**
 * The one payout-CSV column spec: the admin bank file, `GET /api/v1/payouts/{id}/export.csv` and the
 * portal's export all write these columns, in this order (docs/payouts.md#payout-csv-columns).
 */
export const PAYOUT_CSV_COLUMNS = [
  "payout_id",
  "batch_id",
  "partner_id",
  "partner_name",
  "partner_email",
  "payment_method",
  "payout_details",
  "amount",
  "currency",
  "status",
  "transaction_id",
  "failure_reason",
  "reward_count",
  "reward_ids",
  "created_at",
  "paid_at",
] as const;

export type PayoutCsvRecord = Record<(typeof PAYOUT_CSV_COLUMNS)[number], CsvValue>;

/** One payout (with its partner's columns) and its reward ids as a CSV line; the amount is exact and signed, in major units (`-50` cents → `-0.50`). */
export function payoutCsvRecord(p: PayoutRow, rewardIds: string[], account?: PayoutDetailsView): PayoutCsvRecord {
  const notes = p.partnerPayoutDetails
    ? Object.entries(p.partnerPayoutDetails)
        .map(([k, v]) => `${k}: ${v}`)
        .join("; ")
    : null;
  return {
    payout_id: p.id,
    batch_id: p.batchId,
    partner_id: p.partnerId,
    partner_name: p.partnerName,
    partner_email: p.partnerEmail,
    payment_method: p.paymentMethod ?? p.partnerPayoutMethod,
    // Masked: the account number or IBAN appears in clear only in the bank files.
    payout_details: account ? [summaryOf(account), notes].filter(Boolean).join("; ") : notes,
    amount: centsToMajor(p.amountCents),
    currency: p.currency,
    status: p.status,
    transaction_id: p.transactionId,
    failure_reason: p.failureReason,
    reward_count: p.rewardCount,
    reward_ids: rewardIds.join(" "),
    created_at: p.createdAt,
    paid_at: p.paidAt,
  };
}

/** The payout CSV of `rows` (from the payout queries, partner columns included), in their order; reward ids in one query. */
export async function payoutsCsv(db: DbOrTx, rows: PayoutRow[]): Promise<string> {
  const payoutIds = rows.map((r) => r.id);
  const items = payoutIds.length
    ? await db
        .select({ payoutId: payoutItems.payoutId, rewardId: payoutItems.rewardId })
        .from(payoutItems)
        .where(inArray(payoutItems.payoutId, payoutIds))
        .orderBy(asc(payoutItems.rewardId))
    : [];
  const rewardIds = new Map<string, string[]>();
  for (const i of items) rewardIds.set(i.payoutId, [...(rewardIds.get(i.payoutId) ?? []), i.rewardId]);
  const accounts = await payoutDetailsOf(db, [...new Set(rows.map((r) => r.partnerId))]);
  return toCsv(
    PAYOUT_CSV_COLUMNS,
    rows.map((p) => payoutCsvRecord(p, rewardIds.get(p.id) ?? [], accounts.get(p.partnerId))),
  );
}

/**
 * Every payout of a list filter as CSV (all pages; `page`, `pageSize` and `cursor` are ignored), in the
 * filter's `sort` (newest first by default). A partner scope exports only that partner's payouts.
 */
export async function payoutHistoryCsv(
  db: DbOrTx,
  scope: Scope,
  filter: RawListInput = {},
  cap?: number,
): Promise<string> {
  return payoutsCsv(db, await payoutsForExport(db, scope, filter, cap));
}
