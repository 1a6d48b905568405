import type { Actor } from "@/lib/audit/actor";
import type { LicenceInput } from "./schemas";

/** What a verifier found about one licence. */
export interface LicenceVerification {
  verified: boolean;
  /** Who vouches for it: the admin, or the registry. */
  by: string | null;
  at: Date;
  /** `MANUAL` for an admin's attestation; a registry implementation names itself (for example `NIPR`). */
  method: string;
  evidenceNote: string | null;
}

/**
 * Checks a licence before it is stored. The program ships the manual verifier (an admin attests and notes
 * the evidence); a registry lookup (for example NIPR's producer database) can implement the same interface
 * and be passed to `setPartnerLicences` without touching the rules that read licences.
 */
export interface LicenceVerifier {
  readonly method: string;
  verify(
    licence: LicenceInput,
    ctx: { partnerId: string; npn: string | null; actor: Actor; now: Date },
  ): Promise<LicenceVerification>;
}

/** The admin's attestation, recorded as given: no network call is made. */
export const manualLicenceVerifier: LicenceVerifier = {
  method: "MANUAL",
  async verify(licence, { actor, now }) {
    return {
      verified: licence.verified,
      by: actor.label ?? actor.id ?? null,
      at: now,
      method: "MANUAL",
      evidenceNote: licence.evidenceNote ?? null,
    };
  },
};
