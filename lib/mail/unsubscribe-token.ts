import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { isOptionalCategory, type OptionalCategory } from "./categories";

/**
 * The token of a one-click unsubscribe link: `<user id>.<category>.<HMAC-SHA256>` keyed by the signing
 * secret (domain-separated), so it works without signing in, cannot be forged for another person or
 * category, and changes only that one category. It does not expire: RFC 8058 links must keep working.
 */
const mac = (payload: string) =>
  createHmac("sha256", `unsubscribe:${authSecret() ?? ""}`)
    .update(payload)
    .digest("base64url");

export function unsubscribeToken(userId: string, category: OptionalCategory): string {
  const payload = `${userId}.${category}`;
  return `${payload}.${mac(payload)}`;
}

export function verifyUnsubscribeToken(token: string): { userId: string; category: OptionalCategory } | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [userId, category, sig] = parts;
  if (!/^[0-9a-f-]{36}$/.test(userId) || !isOptionalCategory(category)) return null;
  const want = Buffer.from(mac(`${userId}.${category}`));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { userId, category };
}
