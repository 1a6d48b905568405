import type { NextRequest, NextResponse } from "next/server";
import { cleanParam, utmFrom } from "@/lib/attribution/clicks";
import { setRefCookie } from "./cookie";
import { REF_COOKIE, decodeRef, looksLikeCode } from "./ref-cookie-value";

/**
 * `?ref=CODE` on a public page: sets the same attribution cookie as `/r/{code}` when the code
 * belongs to an active partner (an unknown or inactive code leaves any earlier cookie alone).
 * Called by proxy.ts for public pages; the database is only touched when `?ref=` names a code
 * other than the one already remembered.
 */
export async function applyRefCookie(request: NextRequest, response: NextResponse): Promise<NextResponse> {
  const code = looksLikeCode(request.nextUrl.searchParams.get("ref"));
  if (!code || request.method !== "GET") return response;
  const current = decodeRef(request.cookies.get(REF_COOKIE)?.value);
  if (current?.code === code) return response;
  try {
    const [{ getDb }, { lookupCode }, { getSettings }] = await Promise.all([
      import("@/db"),
      import("./lookup"),
      import("@/lib/settings"),
    ]);
    const db = await getDb();
    const found = await lookupCode(db, code);
    if (!found.valid) return response;
    const settings = await getSettings(db);
    const query = request.nextUrl.searchParams;
    const sub = cleanParam(query.get("sub")) ?? undefined;
    setRefCookie(request, response, { code, sub, utm: utmFrom(query), at: Date.now() }, settings.attributionWindowDays);
  } catch (e) {
    // Attribution must never break a page: the quote form still reads `?ref=` itself.
    console.error("applyRefCookie failed", e);
  }
  return response;
}
