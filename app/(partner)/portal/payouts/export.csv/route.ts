import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { payoutExportParams } from "@/lib/portal/payout-history";
import { payoutHistoryCsv } from "@/lib/payouts/csv";

/**
 * GET /portal/payouts/export.csv: the signed-in partner's payout history, every row matching the
 * history page's filters (`status`, `dateField`, `from`, `to`, … and `sort`; paging ignored), in the one
 * payout-CSV spec (docs/payouts.md#payout-csv-columns). A bad filter answers 400 problem+json naming it.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return new Response("Sign in to download your payouts.", { status: 401 });
  if (user.role !== "PARTNER" || !user.partnerId) return new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  try {
    const csv = await payoutHistoryCsv(
      await getDb(),
      { partnerId: user.partnerId },
      payoutExportParams(url.searchParams),
    );
    return csvResponse(csv, `payouts-${new Date().toISOString().slice(0, 10)}.csv`, { private: true });
  } catch (e) {
    if (e instanceof AppError)
      return Response.json(e.toProblem(url.pathname), {
        status: e.status,
        headers: { "content-type": "application/problem+json" },
      });
    throw e;
  }
}
