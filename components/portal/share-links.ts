/** Referral links a partner can share (pure: used on the server page and in the builder). */

export const QUOTE_TYPES = [
  { slug: "auto", label: "Auto" },
  { slug: "home", label: "Home" },
  { slug: "life", label: "Life" },
  { slug: "health", label: "Health" },
  { slug: "commercial", label: "Commercial" },
] as const;

export interface LinkOptions {
  /** `/quote` or `/quote/auto` … */
  to?: string;
  sub?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
}

/**
 * A query value encoded for people to read: `/`, `:`, `@` and `,` are legal in a query (RFC 3986),
 * so `?to=/quote/auto` stays as typed; `&`, `=`, `+`, `#`, `%` and spaces stay encoded.
 */
const readable = (v: string) => encodeURIComponent(v).replace(/%(2F|3A|40|2C)/gi, (m) => decodeURIComponent(m));

/** `/r/CODE` with the destination, sub id and UTM tags (the link route records them with the click). */
export function referralLink(origin: string, code: string, o: LinkOptions = {}): string {
  const base = new URL(`/r/${encodeURIComponent(code)}`, origin).toString();
  const params: string[] = [];
  const set = (k: string, v: string | undefined) => {
    const t = v?.trim();
    if (t) params.push(`${k}=${readable(t.slice(0, 100))}`);
  };
  if (o.to && o.to !== "/quote") set("to", o.to);
  set("sub", o.sub);
  set("utm_source", o.utmSource);
  set("utm_medium", o.utmMedium);
  set("utm_campaign", o.utmCampaign);
  return params.length ? `${base}?${params.join("&")}` : base;
}

/** The `?ref=` form: any public page with the code as a query parameter. */
export const refParamLink = (origin: string, code: string, path = "/quote") =>
  `${new URL(path, origin).toString()}?ref=${readable(code)}`;

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A self-contained "Get a quote" button for the partner's own site (inline styles, no script). */
export function quoteButtonSnippet(link: string, label = "Get a quote"): string {
  return `<a href="${escapeHtml(link)}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 20px;background:#1d5fd6;color:#ffffff;border-radius:6px;font-family:system-ui,sans-serif;font-weight:600;text-decoration:none">${escapeHtml(label)}</a>`;
}
