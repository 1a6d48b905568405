import { apiRoute } from "@/lib/api/handler";
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from "@/lib/auth/access-token";
import { attemptLogin } from "@/lib/auth/login";
import { tokenRequestSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";

/** POST /api/v1/auth/token: e-mail + password → a bearer JWT valid for one hour (throttled like the login page). */
export const POST = apiRoute(
  {
    auth: "public",
    body: tokenRequestSchema,
    doc: { summary: "Exchange e-mail and password for a one-hour bearer token", successStatus: 200 },
  },
  async ({ db, body, ip }) => {
    const result = await attemptLogin(db, { ...body, ip });
    if (!result.ok && result.reason === "throttled")
      throw new AppError("rate_limited", "Too many failed sign-ins; try again later", {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    if (!result.ok) throw new AppError("unauthorized", "Invalid e-mail or password");
    return {
      accessToken: await signAccessToken(result.user),
      tokenType: "Bearer",
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    };
  },
);
