import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { recordClick, utmFrom, cleanParam } from "@/lib/attribution/clicks";
import { ensureDeviceCookie, setRefCookie } from "@/lib/attribution/cookie";
import { lookupCode } from "@/lib/attribution/lookup";
import { looksLikeCode, safeRedirectPath } from "@/lib/attribution/ref-cookie-value";
import { clientIp } from "@/lib/ratelimit/client-ip";
import { getSettings } from "@/lib/settings";

/**
 * A partner's referral link: records the click (valid or not), sets the device cookie
 * (lib/attribution/device.ts) and, for an active partner's code, the attribution cookie, and redirects to the
 * quote form (or a same-site `to` path) keeping the UTM parameters. A visitor is always redirected: a bad
 * code never shows an error.
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ code: string }> }) {
  const { code: rawCode } = await ctx.params;
  const query = request.nextUrl.searchParams;
  const utm = utmFrom(query);
  const sub = cleanParam(query.get("sub"));

  // A relative Location keeps the redirect on whatever host the visitor used (proxies included).
  const target = new URL(safeRedirectPath(query.get("to")), "http://same.site");
  for (const [k, val] of Object.entries(utm)) if (!target.searchParams.has(k)) target.searchParams.set(k, val);
  const response = new NextResponse(null, {
    status: 307,
    headers: {
      Location: target.pathname + target.search + target.hash,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });

  const db = await getDb();
  const code = looksLikeCode(rawCode);
  const found = code ? await lookupCode(db, code) : null;
  const click = await recordClick(db, {
    code: code ?? cleanParam(rawCode, 64) ?? "",
    partnerId: found?.partnerId ?? null,
    valid: found?.valid ?? false,
    invalidReason: found?.valid ? null : (found?.reason ?? "MALFORMED_CODE"),
    landingUrl: request.nextUrl.toString(),
    referrer: request.headers.get("referer"),
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
    subId: sub,
    utm,
  });
  ensureDeviceCookie(request, response);
  if (code && found?.valid) {
    const settings = await getSettings(db);
    setRefCookie(
      request,
      response,
      { code, sub: sub ?? undefined, utm, clickId: click.id, at: Date.now() },
      settings.attributionWindowDays,
    );
  }
  return response;
}
