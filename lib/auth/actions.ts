"use server";

import { eq } from "drizzle-orm";
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { users } from "@/db/schema";
import { adminAction, partnerAction, publicAction, type ActionState } from "@/lib/actions/safe-action";
import { uuid } from "@/lib/api/schemas";
import { changePassword } from "./account";
import { createApiKey, revokeApiKey } from "./api-keys";
import { createApiKeySchema, newPasswordSchema } from "./schemas";
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
      throw new AppError("rate_limited", `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    }
    throw new AppError("unauthorized", "Invalid e-mail or password.");
  }
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.email, normalizeEmail(input.email)));
  redirect(safeNextPath(input.next, user.role) ?? homeFor(user));
});

/** Sign-out button: clears the session cookie and returns to the login page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

const changePasswordSchema = z
  .object({ currentPassword: z.string({ error: "Required" }).min(1, "Required"), newPassword: newPasswordSchema, confirmPassword: z.string({ error: "Required" }) })
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
