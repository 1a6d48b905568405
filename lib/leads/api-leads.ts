import "server-only";
import type { DbOrTx } from "@/db";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { maskLead } from "@/lib/leads/mask";
import { captureLead } from "@/lib/leads/service";
import type { LeadInput } from "@/lib/leads/schemas";
import { getPartnerById, resolveCode } from "@/lib/partners/service";
import type { Settings } from "@/lib/settings";
import { consentText } from "@/lib/leads/consent-text";

/** Who sends the lead: an admin (or admin key), or a partner (or partner key) acting for `partnerId`. */
export interface LeadSender {
  role: "ADMIN" | "PARTNER";
  partnerId?: string | null;
}

/**
 * `POST /api/v1/leads`. Admins and admin keys may name any referral code. A partner's lead is always its
 * own referral: no code means its current code, another partner's code is refused. Consent evidence: our
 * own text when the version is one of ours, otherwise the integration attests to its version (hashed).
 */
export async function createLeadFromApi(
  db: DbOrTx,
  body: LeadInput,
  principal: LeadSender,
  actor: Actor,
  settings: Settings,
) {
  let input = body;
  if (principal.role === "PARTNER") {
    // A partner credential that names no partner may not send leads as anyone (fails closed).
    if (!principal.partnerId) throw new AppError("forbidden", "This credential belongs to no partner");
    if (body.referralCode) {
      const r = await resolveCode(db, body.referralCode);
      if (r.partner?.id !== principal.partnerId) {
        throw new AppError("validation", "referralCode: use your own referral code", {
          errors: [{ path: "referralCode", message: "Not your referral code" }],
        });
      }
    } else {
      input = { ...body, referralCode: (await getPartnerById(db, principal.partnerId)).referralCode };
    }
  }
  const result = await captureLead(db, input, {
    actor,
    settings,
    channel: principal.role === "PARTNER" ? "PARTNER" : "API",
    consentText: consentText(settings.businessName, input.consent.textVersion),
  });
  // A merge may return details of an earlier submission: a partner sees them masked, as everywhere.
  if (principal.role === "PARTNER") {
    const { zip: _zip, message: _message, externalId: _externalId, ...visible } = result.lead;
    return { ...maskLead(visible), referral: result.referral, merged: result.merged };
  }
  return { ...result.lead, referral: result.referral, merged: result.merged };
}
