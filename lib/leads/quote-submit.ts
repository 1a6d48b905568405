import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { referralClicks } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { cleanParam } from "@/lib/attribution/clicks";
import { AppError } from "@/lib/errors";
import { captureLead, type Lead } from "@/lib/leads/service";
import { leadInputSchema, type LeadInput } from "@/lib/leads/schemas";
import { hitRateLimit, quoteRateKey } from "@/lib/ratelimit";
import { clientIp } from "@/lib/ratelimit/client-ip";
import { getSettings } from "@/lib/settings";
import { CURRENT_CONSENT_VERSION, consentText } from "@/lib/leads/consent-text";
import { decodeRef } from "@/lib/attribution/ref-cookie-value";

export const TRY_AGAIN_LATER =
  "We have received several quote requests from your network in the last few minutes. Please try again a little later.";

/**
 * The quote form's fields → the lead body, then the very schema of `POST /api/v1/leads`. The consent
 * checkbox becomes `consent: { given, textVersion }`: unticked is `given: false`, which the schema refuses
 * with its own message next to the box.
 */
export const quoteFormSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const { consent, consentTextVersion, ...rest } = raw as Record<string, unknown>;
  return {
    ...rest,
    consent: {
      given: consent === "on" || consent === true,
      textVersion: consentTextVersion ?? CURRENT_CONSENT_VERSION,
    },
  };
}, leadInputSchema);

export interface QuoteContext {
  actor: Actor;
  headers: Headers;
  /** The attribution cookie as received (its click is linked to the referral when the codes agree). */
  refCookie?: string;
  /** The visitor's device cookie id (lib/attribution/device.ts), for the shared-identity signal. */
  deviceId?: string | null;
}

/** The click behind the cookie, when it really is a click on this code (a forged id is ignored). */
async function clickFor(
  db: Db,
  input: LeadInput,
  refCookie: string | undefined,
  windowDays: number,
): Promise<string | null> {
  const ref = decodeRef(refCookie, windowDays);
  if (!ref?.clickId || !input.referralCode || ref.code !== input.referralCode.toUpperCase()) return null;
  const [click] = await db
    .select({ id: referralClicks.id })
    .from(referralClicks)
    .where(and(eq(referralClicks.id, ref.clickId), eq(referralClicks.code, ref.code)));
  return click?.id ?? null;
}

/**
 * A parsed quote form → lead, consent evidence (version, hash of the exact text shown, IP, user agent,
 * page) and referral, after the per-IP limit. A bad or inactive referral code is never an error: the
 * lead is saved anyway (the engine records no referral or a REJECTED one).
 */
export async function captureQuote(db: Db, input: LeadInput, ctx: QuoteContext): Promise<Lead> {
  const settings = await getSettings(db);
  const shown = consentText(settings.businessName, input.consent.textVersion);
  if (!shown) {
    throw new AppError("validation", "The consent text changed; please read it again and tick the box", {
      errors: [{ path: "consent", message: "The consent text changed; please read it again and tick the box" }],
    });
  }
  const ip = clientIp(ctx.headers);
  const limit = await hitRateLimit(db, quoteRateKey(ip), settings.quoteRateLimit, settings.quoteRateWindowSeconds);
  if (!limit.allowed)
    throw new AppError("rate_limited", TRY_AGAIN_LATER, { retryAfterSeconds: limit.retryAfterSeconds });

  const consent = {
    ...input.consent,
    ip: ip === "unknown" ? undefined : ip,
    userAgent: cleanParam(ctx.headers.get("user-agent"), 500) ?? undefined,
    pageUrl: cleanParam(ctx.headers.get("referer"), 2000) ?? undefined,
  };
  const { lead } = await captureLead(
    db,
    { ...input, consent },
    {
      actor: ctx.actor,
      channel: "FORM",
      settings,
      consentText: shown,
      deviceId: ctx.deviceId ?? null,
      clickId: await clickFor(db, input, ctx.refCookie, settings.attributionWindowDays),
    },
  );
  return lead;
}
