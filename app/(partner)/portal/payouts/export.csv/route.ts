import { getDb } from "@/db";
import { getSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { payoutExportParams } from "@/lib/portal/payout-history";
import { payoutHistoryCsv } from "@/lib/payouts/csv";

/**
 * GET /portal/payouts/export.csv: the signed-in partner's payout history, every row matching the
 * history page's filters (`status`, `dateField`, `from`, `to`, … and `sort`; paging ignored). A bad
 * filter answers 400 problem+json naming it.
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
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="payouts-${day}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof AppError)
      return Response.json(e.toProblem(url.pathname), {
        status: e.status,
        headers: { "content-type": "application/problem+json" },
      });
    throw e;
  }
}
