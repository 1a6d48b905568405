import { connection } from "next/server";
import { getDb } from "@/db";
import { payoutsCsv, listPayouts } from "@/lib/admin/payouts";
import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

const KEYS = ["status", "method", "partnerId", "batchId", "from", "to"];

/** CSV of the payouts matching the history filters; `?batchId=` gives a batch's file for the bank upload. */
export async function GET(req: Request) {
  await requireAdmin();
  await connection();
  const url = new URL(req.url);
  const filter = Object.fromEntries(
    KEYS.flatMap((k) => (url.searchParams.get(k) ? [[k, url.searchParams.get(k)!]] : [])),
  );
  try {
    const { data } = await listPayouts(await getDb(), filter, { all: true });
    const name = filter.batchId
      ? `payout-batch-${filter.batchId.slice(0, 8)}.csv`
      : `payouts-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(payoutsCsv(data), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
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
