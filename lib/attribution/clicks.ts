import "server-only";
import type { DbOrTx } from "@/db";
import { referralClicks } from "@/db/schema";
import { hashIp } from "./ip-hash";

export type ReferralClick = typeof referralClicks.$inferSelect;

export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Partial<Record<UtmKey, string>>;

/**
 * Trims a free-text attribute (sub id, UTM value) to something safe to store and report on: control
 * characters are dropped (a referral link must redirect whatever it carries; PostgreSQL refuses NUL).
 */
export function cleanParam(value: string | null | undefined, max = 200): string | null {
  const v = value?.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return v ? v.slice(0, max) : null;
}

/** The UTM parameters of a query string, trimmed; absent ones are left out. */
export function utmFrom(params: URLSearchParams): Utm {
  const utm: Utm = {};
  for (const k of UTM_KEYS) {
    const v = cleanParam(params.get(k));
    if (v) utm[k] = v;
  }
  return utm;
}

export interface ClickInput {
  code: string;
  /** The partner the code resolved to, valid or not (null for unknown codes). */
  partnerId: string | null;
  valid: boolean;
  invalidReason?: string | null;
  landingUrl?: string | null;
  referrer?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  subId?: string | null;
  utm?: Utm;
}

/** Records one visit through a referral link, valid or not (invalid ones keep their reason). */
export async function recordClick(db: DbOrTx, input: ClickInput): Promise<ReferralClick> {
  const utm = input.utm ?? {};
  const [row] = await db
    .insert(referralClicks)
    .values({
      partnerId: input.partnerId,
      code: input.code.slice(0, 64),
      valid: input.valid,
      invalidReason: input.valid ? null : (input.invalidReason ?? "UNKNOWN_CODE"),
      landingUrl: cleanParam(input.landingUrl, 2000),
      referrer: cleanParam(input.referrer, 2000),
      ipHash: hashIp(input.ip),
      userAgent: cleanParam(input.userAgent, 500),
      subId: cleanParam(input.subId),
      utmSource: utm.utm_source ?? null,
      utmMedium: utm.utm_medium ?? null,
      utmCampaign: utm.utm_campaign ?? null,
      utmTerm: utm.utm_term ?? null,
      utmContent: utm.utm_content ?? null,
    })
    .returning();
  return row;
}
