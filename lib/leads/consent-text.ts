/**
 * Consent wording shown next to the quote form's checkbox. Each wording has a version; a changed
 * wording gets a new version and the old ones stay here, so stored evidence (version + SHA-256 of
 * the exact text shown) can always be matched back to the words the person saw.
 */
const CONSENT_TEXTS = {
  "quote-2026-11-v1": (business: string) =>
    `By checking this box, I agree that ${business} and its licensed insurance agents may contact me about the ` +
    `insurance quote I requested, by e-mail, phone call and text message (including automated calls and texts) ` +
    `at the e-mail address and phone number I provided. Consent is not a condition of purchase. Message and data ` +
    `rates may apply. I can withdraw my consent at any time by replying STOP or asking ${business} to stop contacting me.`,
} as const;

export type ConsentTextVersion = keyof typeof CONSENT_TEXTS;
export const CURRENT_CONSENT_VERSION: ConsentTextVersion = "quote-2026-11-v1";

/** The exact consent text of a version for a business, or null for an unknown version. */
export function consentText(businessName: string, version: string = CURRENT_CONSENT_VERSION): string | null {
  const make = CONSENT_TEXTS[version as ConsentTextVersion];
  return make ? make(businessName) : null;
}
