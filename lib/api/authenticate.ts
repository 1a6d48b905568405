import "server-only";
import { getToken } from "next-auth/jwt";
import type { DbOrTx } from "@/db";
import type { Actor } from "@/lib/audit/actor";
import { verifyAccessToken } from "@/lib/auth/access-token";
import { actorFromApiKey, actorFromUser } from "@/lib/auth/actor";
import { looksLikeApiKey, verifyApiKey } from "@/lib/auth/api-keys";
import { authSecret } from "@/lib/auth/secret";
import { loadSessionUser, type Role } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";

/** Who is calling: a browser session, a bearer token from /api/v1/auth/token, or an integration key. */
export interface Principal {
  kind: "session" | "token" | "apiKey";
  role: Role;
  partnerId: string | null;
  userId?: string;
  apiKeyId?: string;
}

export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const unauthorized = (detail: string) => new AppError("unauthorized", detail);

/**
 * Resolves the caller. Order: `Authorization: Bearer` (a JWT or an `rp_` API key), then `X-API-Key`, then the
 * next-auth session cookie. Credentials that are presented but invalid are a 401, never a fall-through to
 * another method. Returns null when no credentials were presented at all.
 */
export async function authenticateRequest(
  db: DbOrTx,
  req: Request,
  requestId: string,
): Promise<{ principal: Principal; actor: Actor } | null> {
  const authz = req.headers.get("authorization");
  const headerKey = req.headers.get("x-api-key");
  if (authz !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    if (!m) throw unauthorized("Use Authorization: Bearer <token or API key>");
    return looksLikeApiKey(m[1]) ? fromApiKey(db, m[1], requestId) : fromAccessToken(db, m[1], requestId);
  }
  if (headerKey !== null) return fromApiKey(db, headerKey, requestId);
  return fromSessionCookie(db, req, requestId);
}

async function fromApiKey(db: DbOrTx, raw: string, requestId: string) {
  const key = await verifyApiKey(db, raw);
  if (!key) throw unauthorized("The API key is invalid or revoked");
  return {
    principal: { kind: "apiKey" as const, role: key.role, partnerId: key.partnerId, apiKeyId: key.id },
    actor: actorFromApiKey(key, requestId),
  };
}

async function fromAccessToken(db: DbOrTx, token: string, requestId: string) {
  const claims = await verifyAccessToken(token);
  const user = claims && (await loadSessionUser(db, claims.userId, claims.issuedAt));
  if (!user) throw unauthorized("The access token is invalid or expired");
  return {
    principal: { kind: "token" as const, role: user.role, partnerId: user.partnerId, userId: user.id },
    actor: actorFromUser(user, requestId),
  };
}

async function fromSessionCookie(db: DbOrTx, req: Request, requestId: string) {
  const cookie = req.headers.get("cookie");
  const secret = authSecret();
  if (!cookie || !secret || !cookie.includes("authjs.session-token")) return null;
  let userId: string | undefined;
  let signedInAt: number | undefined;
  for (const name of SESSION_COOKIES) {
    // Only the cookie header is passed on: getToken would otherwise also read an Authorization header.
    const token = await getToken({
      req: { headers: { cookie } },
      secret,
      cookieName: name,
      salt: name,
      secureCookie: name.startsWith("__Secure-"),
    }).catch(() => null);
    if (token?.sub) {
      userId = token.sub;
      signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : undefined;
      break;
    }
  }
  if (!userId) return null;
  const user = await loadSessionUser(db, userId, signedInAt);
  if (!user) return null;
  if (!SAFE_METHODS.has(req.method.toUpperCase())) assertSameOrigin(req);
  return {
    principal: { kind: "session" as const, role: user.role, partnerId: user.partnerId, userId: user.id },
    actor: actorFromUser(user, requestId),
  };
}

/**
 * Cookie-authenticated mutations must come from our own pages. Browsers send Origin on cross-site POSTs;
 * without it, Sec-Fetch-Site (also browser-set) must not say cross-site. Non-browser clients use tokens or keys.
 */
export function assertSameOrigin(req: Request): void {
  const host = (req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host)
    .split(",")[0]
    .trim()
    .toLowerCase();
  const origin = req.headers.get("origin");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    if (originHost !== host) throw new AppError("forbidden", "Cross-origin request refused");
    return;
  }
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    throw new AppError("forbidden", "Cross-origin request refused");
}
