import { NextResponse } from "next/server";
import { readiness } from "@/lib/obs/ready";

export const dynamic = "force-dynamic";

/**
 * Readiness (docs/operations.md#health-and-readiness): 200 when the database answers, every committed migration
 * is applied and, where this process runs the jobs, its scheduler ticked recently; otherwise 503 naming the check.
 * Liveness is /api/health.
 */
export async function GET() {
  const r = await readiness();
  return NextResponse.json(r, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
