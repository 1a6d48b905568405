import { randomBytes } from "node:crypto";

/**
 * Name of the first-party device cookie (docs/domain-rules.md#attribution): a random id, set on a referral link
 * click and on the quote form, so the fraud signals can tell one browser behind several partners' referrals
 * (docs/fraud-review.md). It says nothing about the visitor; only its hash is stored.
 */
export const DEVICE_COOKIE = "rp_dev";
export const DEVICE_COOKIE_DAYS = 365;

/** 128 random bits, base64url. */
export const newDeviceId = () => randomBytes(16).toString("base64url");

/** The cookie's id when it is one we could have set (anything else is ignored and replaced). */
export function deviceIdFrom(value: string | null | undefined): string | null {
  return value && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : null;
}

/** The cookie's attributes: HttpOnly, SameSite=Lax, Secure over https, a year. */
export const deviceCookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure,
  path: "/",
  maxAge: DEVICE_COOKIE_DAYS * 86_400,
});
