import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db";
import { loadSessionUser, type SessionUser } from "./users";

export type { SessionUser } from "./users";

/** The signed-in user, loaded fresh from the database once per request; null when nobody is signed in. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return loadSessionUser(await getDb(), id, session.signedInAt);
});

/** The path to come back to after signing in (the proxy passes it in `x-url-path`). */
async function loginRedirect(fallback: string): Promise<never> {
  let path: string | null | undefined;
  try {
    path = (await headers()).get("x-url-path");
  } catch {
    path = null; // outside a request (tests): fall back to the area's home
  }
  const next = path && path.startsWith("/") && !path.startsWith("//") ? path : fallback;
  redirect(`/login?next=${encodeURIComponent(next)}`);
}

/**
 * For admin pages and layouts: redirects to the login page when nobody is signed in; a partner gets a
 * 404 (the admin area does not exist for them). The proxy may redirect too, but this is the check.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) return loginRedirect("/admin");
  if (user.role !== "ADMIN") notFound();
  return user;
}

/** For partner pages and layouts: login redirect when signed out, 404 for an admin. */
export async function requirePartner(): Promise<SessionUser & { partnerId: string }> {
  const user = await getSessionUser();
  if (!user) return loginRedirect("/portal");
  if (user.role !== "PARTNER" || !user.partnerId) notFound();
  return { ...user, partnerId: user.partnerId };
}

/** Any signed-in user (account pages such as the password change). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) return loginRedirect("/account");
  return user;
}

/** Where a user lands after signing in. */
export const homeFor = (user: Pick<SessionUser, "role">) => (user.role === "ADMIN" ? "/admin" : "/portal");
