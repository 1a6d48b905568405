import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/** Folds accents to ASCII and keeps letters only, upper-case ("José" → "JOSE"). */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
}

/**
 * A referral code: first three letters of first and last name, upper-case, then four digits
 * (`JOHDOE1234`; docs/domain-rules.md#partners-and-referral-codes). Short or non-Latin names fall back to a
 * random letter stem.
 */
export function makeReferralCode(firstName: string, lastName: string, rand: (n: number) => number = randomInt): string {
  const first = foldName(firstName);
  const last = foldName(lastName);
  const stem =
    first.length >= 3 && last.length >= 3
      ? first.slice(0, 3) + last.slice(0, 3)
      : Array.from({ length: 6 }, () => ALPHABET[rand(ALPHABET.length)]).join("");
  const digits = String(rand(10000)).padStart(4, "0");
  return stem + digits;
}

/** Normalises user input for lookup: trimmed, upper-case. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();
