import { electronicFormatIBAN, isSEPACountry, isValidBIC, validateIBAN } from "ibantools";

/**
 * ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10), nine digits.
 * The first two digits also name a Federal Reserve district range (00–12, 21–32, 61–72, 80).
 */
export function isValidAbaRouting(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const d = [...value].map(Number);
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  if (sum % 10 !== 0) return false;
  const prefix = Number(value.slice(0, 2));
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
}

/** An IBAN in electronic form (no spaces, upper case), or null when its ISO 13616 mod-97 check or country layout fails. */
export function normalizeIban(value: string): string | null {
  const iban = electronicFormatIBAN(value);
  if (!iban || !validateIBAN(iban).valid) return null;
  return iban;
}

/** The IBAN's country is in the SEPA scheme (a SEPA credit transfer can reach it). */
export const isSepaIban = (iban: string): boolean => isSEPACountry(iban.slice(0, 2));

/** An 8- or 11-character BIC (ISO 9362), upper case, or null. */
export function normalizeBic(value: string): string | null {
  const bic = value.replace(/\s+/g, "").toUpperCase();
  return isValidBIC(bic) ? bic : null;
}
