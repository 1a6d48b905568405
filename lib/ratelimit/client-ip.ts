/**
 * The visitor's IP as the nearest proxy reports it: the first `X-Forwarded-For` entry, else `X-Real-IP`.
 * Deploy behind a proxy that sets these headers; without one a client can choose its own bucket,
 * which is why limits are a brake on abuse, not an access control.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded.replace(/^::ffff:/, "");
  const real = headers.get("x-real-ip")?.trim();
  return real ? real.replace(/^::ffff:/, "") : "unknown";
}
