import { ms, type BenchContext } from "./context";
import { bulkApprovalDirect } from "./domain-fallback";

/**
 * Bulk approval of 10,000 CALCULATED rewards past their hold: one request to
 * POST /api/v1/rewards/bulk-approve with a filter (at most 10,000 per request: docs/domain-rules.md#bulk-approval).
 * When the route is missing, the engine's bulkApproveRewards runs in-process, labelled as such.
 */
export async function bulkApproval(
  ctx: BenchContext,
  base: string,
  api: Record<string, string>,
  missing: string[],
): Promise<void> {
  const { db, smoke, report, failures, log } = ctx;
  const [{ n }] = await db.sql<
    { n: number }[]
  >`select count(*)::int as n from rewards where status = 'CALCULATED' and (hold_until is null or hold_until <= now())`;
  const want = Math.min(10_000, n);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/rewards/bulk-approve`, {
    method: "POST",
    headers: { ...api, "content-type": "application/json" },
    body: JSON.stringify({ filter: { status: "CALCULATED" } }),
  });
  const body = (await res.json().catch(() => null)) as {
    approved?: number;
    skipped?: number;
    remaining?: number;
  } | null;
  const elapsed = performance.now() - t0;
  if (res.status === 200 && typeof body?.approved === "number") {
    log(`bulk approval over HTTP: ${body.approved} approved in ${Math.round(elapsed)} ms`);
    if (body.approved === 0 && want > 0) failures.push("bulk approval approved nothing");
    if (!smoke)
      report.lines.push({
        name: `Bulk approval of ${body.approved} rewards`,
        via: "HTTP POST /api/v1/rewards/bulk-approve (filter)",
        value: ms(elapsed),
        target: "< 2000 ms",
        ok: elapsed < 2000,
      });
    return;
  }
  missing.push(`POST /api/v1/rewards/bulk-approve answered ${res.status}`);
  await bulkApprovalDirect(ctx);
}
