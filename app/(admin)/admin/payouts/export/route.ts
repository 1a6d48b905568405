import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { payoutHistoryCsv } from "@/lib/payouts/csv";

/** The history page's filter names → the payout list's (`method`, in older links, is `paymentMethod`). */
const KEYS: Record<string, string> = {
  status: "status",
  method: "paymentMethod",
  paymentMethod: "paymentMethod",
  q: "q",
  dateField: "dateField",
  partnerId: "partnerId",
  batchId: "batchId",
  from: "from",
  to: "to",
};

/**
 * CSV of the payouts matching the history filters; `?batchId=` gives a batch's file for the bank upload.
 * The columns are the one payout-CSV spec (docs/payouts.md#payout-csv-columns).
 */
export async function GET(req: Request) {
  await requireAdmin();
  const url = new URL(req.url);
  const filter = Object.fromEntries(
    Object.entries(KEYS).flatMap(([k, to]) => (url.searchParams.get(k) ? [[to, url.searchParams.get(k)!]] : [])),
  );
  try {
    const csv = await payoutHistoryCsv(await getDb(), {}, filter, 100_000);
    const name = filter.batchId
      ? `payout-batch-${filter.batchId.slice(0, 8)}.csv`
      : `payouts-${new Date().toISOString().slice(0, 10)}.csv`;
    return csvResponse(csv, name);
  } catch (e) {
    if (e instanceof AppError)
      return Response.json(e.toProblem(url.pathname), {
        status: e.status,
        headers: { "content-type": "application/problem+json" },
      });
    throw e;
  }
}
