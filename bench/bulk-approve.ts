import { ms, type BenchContext } from "./context";

/**
 * Bulk approval of 10,000 CALCULATED rewards past their hold: one request to
 * POST /api/v1/rewards/bulk-approve with a filter (CONTRACT: at most 10,000 per request).
 * When the route is missing the same guarded statement runs as raw SQL, labelled as such.
 */
export async function bulkApproval(ctx: BenchContext, base: string, api: Record<string, string>, missing: string[]): Promise<void> {
  const { db, smoke, report, failures, log } = ctx;
  const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int as n from rewards where status = 'CALCULATED' and (hold_until is null or hold_until <= now())`;
  const want = Math.min(10_000, n);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/rewards/bulk-approve`, {
    method: "POST",
    headers: { ...api, "content-type": "application/json" },
    body: JSON.stringify({ filter: { status: "CALCULATED" } }),
  });
  const body = (await res.json().catch(() => null)) as { approved?: number; skipped?: number; remaining?: number } | null;
  const elapsed = performance.now() - t0;
  if (res.status === 200 && typeof body?.approved === "number") {
    log(`bulk approval over HTTP: ${body.approved} approved in ${Math.round(elapsed)} ms`);
    if (body.approved === 0 && want > 0) failures.push("bulk approval approved nothing");
    if (!smoke)
      report.lines.push({ name: `Bulk approval of ${body.approved} rewards`, via: "HTTP POST /api/v1/rewards/bulk-approve (filter)", value: ms(elapsed), target: "< 2000 ms", ok: elapsed < 2000 });
    return;
  }
  missing.push(`POST /api/v1/rewards/bulk-approve answered ${res.status}`);
  const t1 = performance.now();
  const approved = await db.sql.begin(async (tx) => {
    const rows = await tx<{ id: string }[]>`
      update rewards set status = 'APPROVED', approved_at = now(), approved_by = 'bench', updated_at = now()
      where id in (select id from rewards where status = 'CALCULATED' and (hold_until is null or hold_until <= now())
                   order by created_at limit ${want} for update skip locked)
        and status = 'CALCULATED'
      returning id`;
    await tx`insert into events (actor_type, actor_id, entity_type, entity_id, action, from_status, to_status)
      select 'SYSTEM', 'bench', 'reward', id::text, 'reward.approved', 'CALCULATED', 'APPROVED' from unnest(${rows.map((r) => r.id)}::uuid[]) as id`;
    return rows.length;
  });
  const rawMs = performance.now() - t1;
  if (!smoke)
    report.lines.push({ name: `Bulk approval of ${approved} rewards`, via: "raw SQL (route missing): guarded UPDATE + events", value: ms(rawMs), target: "< 2000 ms", ok: rawMs < 2000 });
}
