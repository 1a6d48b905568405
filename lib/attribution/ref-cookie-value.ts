import { sameSitePath } from "@/lib/safe-redirect";
import { z } from "zod";

/** Name of the first-party attribution cookie set by `/r/{code}` and `?ref=`. */
export const REF_COOKIE = "rp_ref";

const utmSchema = z
  .object({
    utm_source: z.string().max(200),
    utm_medium: z.string().max(200),
    utm_campaign: z.string().max(200),
    utm_term: z.string().max(200),
    utm_content: z.string().max(200),
  })
  .partial();

const refSchema = z.object({
  /** The code as clicked (upper-case; an alias still attributes to its partner). */
  code: z.string().regex(/^[A-Z0-9_-]{1,64}$/),
  sub: z.string().max(200).optional(),
  utm: utmSchema.optional(),
  /** The recorded click, so the referral can point at it. */
  clickId: z.uuid().optional(),
  /** When the link was clicked (ms since epoch): the attribution window runs from here. */
  at: z.number().int().positive(),
});

export type RefCookie = z.infer<typeof refSchema>;

export function encodeRef(ref: RefCookie): string {
  return Buffer.from(JSON.stringify(ref)).toString("base64url");
}

/** The cookie's content, or null when absent, malformed or older than the attribution window. */
export function decodeRef(value: string | null | undefined, windowDays?: number, now = Date.now()): RefCookie | null {
  if (!value || value.length > 2000) return null;
  try {
    const parsed = refSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    if (windowDays !== undefined && parsed.data.at + windowDays * 86_400_000 < now) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** Codes are letters and digits: anything else cannot be one, so it is never looked up or stored. */
export function looksLikeCode(raw: string | null | undefined): string | null {
  const code = raw?.trim().toUpperCase();
  return code && /^[A-Z0-9_-]{1,64}$/.test(code) ? code : null;
}

/** A same-site `to` path for `/r/{code}` (lib/safe-redirect.ts), else the fallback: never an open redirect. */
export function safeRedirectPath(to: string | null | undefined, fallback = "/quote"): string {
  return sameSitePath(to, 500) ?? fallback;
}
