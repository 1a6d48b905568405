/**
 * A post-login destination from `?next=`: only a local path (no scheme, no `//host`), and only inside the
 * area of the user's role, so a partner is never sent to /admin (and an admin not into /portal).
 */
export function safeNextPath(next: string | undefined | null, role: "ADMIN" | "PARTNER"): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null;
  const path = next.split(/[?#]/)[0];
  const other = role === "ADMIN" ? "/portal" : "/admin";
  if (path === other || path.startsWith(`${other}/`)) return null;
  if (path === "/login" || path.startsWith("/login/")) return null;
  return next;
}
