import type { NextRequest, NextResponse } from "next/server";
import { DEVICE_COOKIE, deviceCookieOptions, deviceIdFrom, newDeviceId } from "./device";
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

/** The same test from a server action's headers: a proxy's X-Forwarded-Proto, else the browser's Origin. */
export function isHttpsHeaders(headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? headers.get("origin")?.split(":")[0]) === "https";
}

/** The visitor's device id (lib/attribution/device.ts), a new one set on the response when it has none. */
export function ensureDeviceCookie(request: NextRequest, response: NextResponse): string {
  const current = deviceIdFrom(request.cookies.get(DEVICE_COOKIE)?.value);
  if (current) return current;
  const id = newDeviceId();
  response.cookies.set(DEVICE_COOKIE, id, deviceCookieOptions(isHttps(request)));
  return id;
}
