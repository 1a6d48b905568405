import "server-only";
import type { DbOrTx } from "@/db";
import type { Principal } from "@/lib/api/handler";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { maskLead } from "@/lib/leads/mask";
import type { Scope } from "@/lib/query/list";
import { captureLead } from "@/lib/leads/service";
import type { LeadInput } from "@/lib/leads/schemas";
import { getPartnerById, resolveCode } from "@/lib/partners/service";
import type { Settings } from "@/lib/settings";
import { consentText } from "@/components/quote/consent-text";

export const scopeOf = (p: Principal): Scope => (p.role === "PARTNER" && p.partnerId ? { partnerId: p.partnerId } : {});

/**
 * `POST /api/v1/leads`. Admins and admin keys may name any referral code. A partner's lead is always its
 * own referral: no code means its current code, another partner's code is refused. Consent evidence: our
 * own text when the version is one of ours, otherwise the integration attests to its version (hashed).
 */
export async function createLeadFromApi(
  db: DbOrTx,
  body: LeadInput,
  principal: Principal,
  actor: Actor,
  settings: Settings,
) {
  let input = body;
  if (principal.role === "PARTNER" && principal.partnerId) {
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
