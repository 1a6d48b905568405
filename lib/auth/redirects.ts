import { sameSitePath } from "@/lib/safe-redirect";

/**
 * A post-login destination from `?next=`: a same-site path (lib/safe-redirect.ts), and only inside the
 * area of the user's role, so a partner is never sent to /admin (and an admin not into /portal).
 */
export function safeNextPath(next: string | undefined | null, role: "ADMIN" | "PARTNER"): string | null {
  const safe = sameSitePath(next);
  if (!safe) return null;
  const path = safe.split(/[?#]/)[0];
  const other = role === "ADMIN" ? "/portal" : "/admin";
  if (path === other || path.startsWith(`${other}/`)) return null;
  if (path === "/login" || path.startsWith("/login/")) return null;
  return safe;
}
