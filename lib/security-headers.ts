/**
 * Security headers (docs/security.md, "Content-Security-Policy"). Pages get their CSP from proxy.ts, one per
 * request, with a fresh nonce: Next puts it on every script it renders (bootstrap, flight data), so scripts
 * need no 'unsafe-inline', and 'strict-dynamic' lets the nonced bootstrap load the page's chunks. Everything
 * else (API, files) gets the same policy without a nonce from next.config.ts: no inline script runs there.
 * Styles keep 'unsafe-inline' (React style attributes, Recharts). Nothing may frame us.
 */
export function contentSecurityPolicy(opts: {
  production: boolean;
  nonce?: string;
  /** The e-mail preview (/admin/mail/{id}) shows the e-mail's https images, such as the brand logo, like a mail client. */
  remoteImages?: boolean;
}): string {
  const scripts = opts.nonce ? `'self' 'nonce-${opts.nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}${opts.production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${opts.remoteImages ? " https:" : ""}`,
    "font-src 'self' data:",
    `connect-src 'self'${opts.production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: a new one for every page request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Headers for every response (next.config.ts); a page's CSP from proxy.ts replaces the nonce-less one. */
export function securityHeaders(opts: { production: boolean }) {
  const headers = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(opts) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
  // HSTS only in production: browsers remember it, which would break plain-http local development.
  if (opts.production) headers.push({ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" });
  return headers;
}
