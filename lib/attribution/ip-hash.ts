import { createHash } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/** The salt of IP hashes: `IP_HASH_SALT`, else the app secret; the raw IP is never stored. */
function ipSalt(): string {
  return env().IP_HASH_SALT || authSecret() || "referral-program-ip-salt";
}

/** Salted SHA-256 (hex) of an IP address; null when the IP is unknown. */
export function hashIp(ip: string | null | undefined): string | null {
  if (!ip || ip === "unknown") return null;
  return createHash("sha256").update(`${ipSalt()}:${ip}`).digest("hex");
}
