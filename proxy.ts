import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./auth.config";
import { applyRefCookie } from "./lib/attribution/ref-cookie";
import { env } from "./lib/env";
import { contentSecurityPolicy, newNonce } from "./lib/security-headers";

/**
 * Runs before pages: sends signed-out visitors of /admin, /portal and /account to the login page
 * (auth.config.ts `authorized`) and tells the pages which path was asked for (`x-url-path`), so their own
 * checks (requireAdmin/requirePartner) can redirect back after sign-in. It is never the only check:
 * pages, route handlers and actions authenticate themselves, so a forged `x-middleware-subrequest` gains nothing.
 */
const { auth } = NextAuth(authConfig);

const SIGNED_IN_AREAS = /^\/(admin|portal|account)(\/|$)/;
const MAIL_PREVIEW = /^\/admin\/mail\/[^/]+$/;

export default auth(async (request) => {
  // Next's own error-page route answers 500 when asked for by name; it is not a page of ours.
  if (request.nextUrl.pathname === "/_global-error") return new NextResponse("Not Found", { status: 404 });
  const headers = new Headers(request.headers);
  headers.set("x-url-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  // A fresh nonce per page (lib/security-headers.ts): Next reads it from the request's CSP header and puts
  // it on every script it renders; the browser gets the same policy.
  const csp = contentSecurityPolicy({
    production: env().NODE_ENV === "production",
    nonce: newNonce(),
    remoteImages: MAIL_PREVIEW.test(request.nextUrl.pathname),
  });
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
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
