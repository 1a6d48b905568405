"use server";

import { eq } from "drizzle-orm";
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { users } from "@/db/schema";
import { actionStarted } from "@/lib/actions/request-state";
import { adminAction, partnerAction, publicAction, type ActionState } from "@/lib/actions/safe-action";
import { uuid } from "@/lib/api/schemas";
import { changePassword } from "./account";
import { createApiKey, revokeApiKey } from "./api-keys";
import { createApiKeySchema, emailSchema, newPasswordSchema } from "./schemas";
import { signupSchema, signUpPartner } from "./signup";
import { consumeToken, createPasswordReset } from "./tokens";
import { env } from "@/lib/env";
import { hitRateLimit } from "@/lib/ratelimit";
import { AppError } from "@/lib/errors";
import { clientIp, normalizeEmail } from "./login";
import { safeNextPath } from "./redirects";
import { getSessionUser, homeFor } from "./session";
import { loginRetryAfter } from "./throttle";

const loginSchema = z.object({
  email: z.string({ error: "Enter your e-mail" }).trim().min(3, "Enter your e-mail").max(320),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1000),
  next: z.string().max(2000).optional(),
});

/** Sign-in form: checks the credentials through next-auth, then sends admins to /admin and partners to /portal. */
export const loginAction = publicAction(loginSchema, async (input, { db }) => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    if (e instanceof CredentialsSignin && e.code === "throttled") {
      const seconds = await loginRetryAfter(db, normalizeEmail(input.email), clientIp(await headers()));
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      throw new AppError(
        "rate_limited",
        `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      );
    }
    throw new AppError("unauthorized", "Invalid e-mail or password.");
  }
  const [user] = await db
    .select({ role: users.role })
    .from(users)
    .where(eq(users.email, normalizeEmail(input.email)));
  redirect(safeNextPath(input.next, user.role) ?? homeFor(user));
});

/** Sign-out button: clears the session cookie and returns to the login page. */
export async function signOutAction(): Promise<void> {
  actionStarted();
  await signOut({ redirectTo: "/login" });
}

const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Required" }).min(1, "Required"),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords differ" });

/** Password change for any signed-in user; signs them in again so this browser keeps its session. */
export async function changePasswordAction(prev: ActionState<{ changed: true }>, input: FormData) {
  const user = await getSessionUser();
  const run = user?.role === "ADMIN" ? adminAction : partnerAction;
  return run(changePasswordSchema, async (v, { db, actor }) => {
    await changePassword(db, user!.id, v.currentPassword, v.newPassword, actor);
    await signIn("credentials", { email: user!.email, password: v.newPassword, redirect: false });
    return { changed: true as const };
  })(prev, input);
}

/** Admin settings: a new API key; the secret is in the result, shown once. */
export const createApiKeyAction = adminAction(createApiKeySchema, async (input, { db, actor }) => {
  const { key, id, prefix } = await createApiKey(db, input, actor);
  revalidatePath("/admin/settings/api-keys");
  return { key, id, prefix };
});

export const revokeApiKeyAction = adminAction(z.object({ id: uuid() }), async ({ id }, { db, actor }) => {
  await revokeApiKey(db, id, actor);
  revalidatePath("/admin/settings/api-keys");
  return { id };
});

async function throttleByIp(
  db: Parameters<typeof hitRateLimit>[0],
  bucket: string,
  limit: number,
  windowSeconds: number,
) {
  const r = await hitRateLimit(db, `${bucket}:${clientIp(await headers())}`, limit, windowSeconds);
  if (!r.allowed)
    throw new AppError(
      "rate_limited",
      `Too many attempts from your network. Try again in ${Math.ceil(r.retryAfterSeconds / 60)} minutes.`,
    );
}

/** Partner sign-up: creates partner + user, signs the new partner in, and returns the referral code to show. */
export const signupAction = publicAction(signupSchema, async (input, { db, actor }) => {
  await throttleByIp(db, "signup", env().RATE_LIMIT_SIGNUP ?? 10, 3600);
  const { partner } = await signUpPartner(db, input, actor);
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  return { referralCode: partner.referralCode, status: partner.status, firstName: partner.firstName };
});

/** "Forgot password": the same answer whether or not the e-mail has an account; the link goes to the outbox. */
export const forgotPasswordAction = publicAction(z.object({ email: emailSchema }), async ({ email }, { db }) => {
  await throttleByIp(db, "password-reset", 5, 900);
  await createPasswordReset(db, email);
  return { sent: true as const };
});

const setPasswordSchema = z
  .object({
    token: z.string().min(10).max(200),
    kind: z.enum(["INVITE", "RESET"]),
    password: newPasswordSchema,
    confirmPassword: z.string({ error: "Repeat the password" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords differ" });

/** Invitation and reset pages: sets the password once, signs the user in and sends them home. */
export const setPasswordAction = publicAction(setPasswordSchema, async (input, { db }) => {
  const user = await consumeToken(db, input.token, input.kind, input.password);
  await signIn("credentials", { email: user.email, password: input.password, redirect: false });
  redirect(homeFor(user));
});
