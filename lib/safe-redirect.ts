const BASE = "http://same-site.invalid";
// C0 controls, DEL and C1 controls: browsers drop tabs and newlines from URLs, so `/\t/evil.example`
// would become `//evil.example` (protocol-relative) after the check.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The one check for every redirect target taken from a request (`?next=` after sign-in, next-auth's
 * `callbackUrl`, `/r/{code}?to=`): a same-site path (one leading `/`), never a scheme, `//host`, a
 * backslash (browsers read `/\host` as `//host`) or a control character. Returns the normalised
 * path + query + fragment, or null when the value must not be followed.
 */
export function sameSitePath(raw: unknown, maxLength = 2000): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > maxLength) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || CONTROL.test(raw)) return null;
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return null;
    const path = url.pathname + url.search + url.hash;
    return path.startsWith("//") ? null : path;
  } catch {
    return null;
  }
}

/** next-auth's `redirect` callback: same-site paths and URLs on our own origin; anything else goes home. */
export function sameSiteAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/")) {
    const path = sameSitePath(url);
    return path ? `${baseUrl}${path}` : baseUrl;
  }
  try {
    const parsed = new URL(url);
    if (parsed.origin !== new URL(baseUrl).origin) return baseUrl;
    const path = sameSitePath(parsed.pathname + parsed.search + parsed.hash);
    return path ? `${baseUrl}${path}` : baseUrl;
  } catch {
    return baseUrl;
  }
}
