import type { NextRequest, NextResponse } from "next/server";
import { REF_COOKIE, encodeRef, type RefCookie } from "./ref-cookie-value";

/** True when the visitor reached us over https (directly or through a proxy that says so). */
export function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? request.nextUrl.protocol.replace(":", "")) === "https";
}

/** Sets the first-party attribution cookie: HttpOnly, SameSite=Lax, Secure over https, lifetime = attribution window. */
export function setRefCookie(request: NextRequest, response: NextResponse, ref: RefCookie, windowDays: number): void {
  response.cookies.set(REF_COOKIE, encodeRef(ref), {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/",
    maxAge: Math.max(1, windowDays) * 86_400,
  });
}
