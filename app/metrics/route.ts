import { timingSafeEqual } from "node:crypto";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { renderMetrics } from "@/lib/obs/metrics";

export const dynamic = "force-dynamic";

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Prometheus metrics (docs/operations.md#metrics): `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN
 * the endpoint does not exist (404); a missing or wrong token is a 401.
 */
export async function GET(req: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  if (!m || !same(m[1], token))
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' },
    });
  try {
    const { contentType, body } = await renderMetrics(await getDb());
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch {
    return new Response("Metrics unavailable: the database did not answer\n", {
      status: 503,
      headers: { "content-type": "text/plain" },
    });
  }
}
