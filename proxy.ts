import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./auth.config";
import { applyRefCookie } from "./lib/attribution/ref-cookie";

/**
 * Runs before pages: sends signed-out visitors of /admin, /portal and /account to the login page
 * (auth.config.ts `authorized`) and tells the pages which path was asked for (`x-url-path`), so their own
 * checks (requireAdmin/requirePartner) can redirect back after sign-in. It is never the only check:
 * pages, route handlers and actions authenticate themselves, so a forged `x-middleware-subrequest` gains nothing.
 */
const { auth } = NextAuth(authConfig);

const SIGNED_IN_AREAS = /^\/(admin|portal|account)(\/|$)/;

export default auth(async (request) => {
  const headers = new Headers(request.headers);
  headers.set("x-url-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers } });
  // `?ref=CODE` on a public page sets the same attribution cookie as /r/{code} (lib/attribution/ref-cookie.ts).
  if (SIGNED_IN_AREAS.test(request.nextUrl.pathname)) return response;
  return applyRefCookie(request, response);
});

export const config = {
  // Pages only: API routes authenticate in apiRoute(), static assets need nothing.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|css|js|map|txt)$).*)",
  ],
};
