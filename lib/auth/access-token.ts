import "server-only";
import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { AppError } from "@/lib/errors";
import { authSecret } from "./secret";

/** Lifetime of the API's bearer tokens (POST /api/v1/auth/token). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
const ISSUER = "referral-program";
const AUDIENCE = "api/v1";

/** A key of its own for API tokens, derived from AUTH_SECRET, so a session cookie is never a bearer token. */
function signingKey(): Uint8Array {
  const secret = authSecret();
  if (!secret) throw new AppError("internal", "AUTH_SECRET is not configured");
  return createHash("sha256").update(`rp-api-token\0${secret}`).digest();
}

export interface AccessTokenClaims {
  userId: string;
  role: "ADMIN" | "PARTNER";
  partnerId: string | null;
  /** Seconds since the epoch. */
  issuedAt: number;
}

/** A signed (HS256) JWT carrying the user id, role and partner id. */
export async function signAccessToken(user: {
  id: string;
  role: "ADMIN" | "PARTNER";
  partnerId: string | null;
}): Promise<string> {
  return new SignJWT({ role: user.role, pid: user.partnerId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(signingKey());
}

/** The token's claims, or null when it is malformed, forged or expired. */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const role = payload.role;
    if (typeof payload.sub !== "string" || (role !== "ADMIN" && role !== "PARTNER")) return null;
    return {
      userId: payload.sub,
      role,
      partnerId: typeof payload.pid === "string" ? payload.pid : null,
      issuedAt: payload.iat ?? 0,
    };
  } catch {
    return null;
  }
}
