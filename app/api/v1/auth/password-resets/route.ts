import { apiRoute, created } from "@/lib/api/handler";
import { passwordResetRequestSchema } from "@/lib/auth/schemas";
import { createPasswordReset } from "@/lib/auth/tokens";
import { notFound } from "@/lib/errors";

/**
 * POST /api/v1/auth/password-resets `{ email }` → 201 `{ url, path, expiresAt }`: a one-hour reset link an admin
 * can hand to a user (no mail server is assumed; the link is also in the outbox). Admin only; the public
 * "forgot password" form never reveals whether an account exists.
 */
export const POST = apiRoute(
  {
    auth: "admin",
    body: passwordResetRequestSchema,
    doc: { summary: "Issue a password reset link for a user (1 hour, single use)", successStatus: 201 },
  },
  async ({ db, body, actor }) => {
    const link = await createPasswordReset(db, body.email, actor);
    if (!link) throw notFound("User");
    return created(link);
  },
);
