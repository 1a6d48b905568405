import type { Actor } from "@/lib/audit/actor";
import { captureLead } from "@/lib/leads/service";
import { leadInputSchema } from "@/lib/leads/schemas";
import { bulkApproveRewards } from "@/lib/rewards/service";
import { MAX_CONNECTIONS, ms, p5095, type BenchContext } from "./context";
import { closedLoop } from "./stats";

/**
 * When a route is missing (then the domain function is measured directly, and the table says so), the same
 * work through the domain functions in this process, labelled as such in the table.
 */
const benchActor: Actor = { type: "API_KEY", id: null, label: "benchmark" };

export async function leadCaptureDirect(ctx: BenchContext, lead: (i: number) => unknown): Promise<void> {
  const { db, smoke, report } = ctx;
  const fn = (i: number) =>
    captureLead(db.handle.db, leadInputSchema.parse(lead(2_000_000 + i)), {
      actor: benchActor,
      channel: "API",
      ip: "127.0.0.1",
    });
  if (smoke) {
    await fn(0);
    return;
  }
  ctx.log(`captureLead in-process: ${MAX_CONNECTIONS} workers for 30 s (route missing)`);
  const r = await closedLoop(fn, MAX_CONNECTIONS, 30);
  report.details.leadsDirect = r;
  report.lines.push({
    name: `Lead capture, max throughput (${MAX_CONNECTIONS} workers)`,
    via: "domain function captureLead in-process (route missing)",
    value: `${r.rps} req/s, ${p5095(r.latency)}, p99 ${ms(r.latency.p99)}, ${r.errors} errors`,
  });
  if (ctx.rawLeads) {
    const ratio = r.rps / ctx.rawLeads.rps;
    report.lines.push({
      name: "Lead capture captureLead ÷ raw SQL throughput",
      via: "ratio (no HTTP)",
      value: `${Math.round(ratio * 100)} %`,
      target: "≥ 40 %",
      ok: ratio >= 0.4,
    });
  }
}

export async function bulkApprovalDirect(ctx: BenchContext): Promise<void> {
  const t0 = performance.now();
  const r = await bulkApproveRewards(ctx.db.handle.db, { filter: { status: ["CALCULATED"] } }, {}, benchActor);
  const elapsed = performance.now() - t0;
  const approved = "approved" in r ? r.approved : 0;
  if (!ctx.smoke)
    ctx.report.lines.push({
      name: `Bulk approval of ${approved} rewards`,
      via: "domain function bulkApproveRewards (route missing)",
      value: ms(elapsed),
      target: "< 2000 ms",
      ok: elapsed < 2000,
    });
}
