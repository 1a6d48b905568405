import type { DbOrTx } from "@/db";
import { resolveCode } from "@/lib/partners/service";

export interface CodeLookup {
  valid: boolean;
  /** The partner the code belongs to, valid or not (null for unknown codes). */
  partnerId: string | null;
  /** What visitors see ("Referred by …"): the partner's name. */
  displayName: string | null;
  /** Why the code does not attribute (UNKNOWN_CODE, PARTNER_INACTIVE, …). */
  reason: string | null;
}

export const partnerDisplayName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

/** A referral code through the engine's rule (active partner, aliases, any case), shaped for links and forms. */
export async function lookupCode(db: DbOrTx, code: string): Promise<CodeLookup> {
  const r = await resolveCode(db, code);
  if (r.valid)
    return { valid: true, partnerId: r.partner.id, displayName: partnerDisplayName(r.partner), reason: null };
  return { valid: false, partnerId: r.partner?.id ?? null, displayName: null, reason: r.reason };
}
