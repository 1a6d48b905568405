import { createHash } from "node:crypto";

const GMAIL = new Set(["gmail.com", "googlemail.com"]);

/**
 * One mailbox, however it is written: lower-case, plus-addressing dropped (`ann+promo@x` → `ann@x`),
 * and for Gmail the dots of the local part too (`a.n.n@gmail.com` → `ann@gmail.com`, googlemail = gmail).
 */
export function mailboxOf(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  if (!e) return null;
  const at = e.lastIndexOf("@");
  if (at <= 0) return null;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  local = local.split("+")[0];
  if (GMAIL.has(domain)) {
    domain = "gmail.com";
    local = local.replaceAll(".", "");
  }
  return local ? `${local}@${domain}` : null;
}

/** The digits only; a North American number with its leading 1 is the same number without it. */
export function normalizePhoneDigits(phone: string | null | undefined): string | null {
  const d = phone?.replace(/\D/g, "") ?? "";
  if (!d) return null;
  return d.length === 11 && d.startsWith("1") ? d.slice(1) : d;
}

/** Identity values are stored as hashes: the table never keeps a second copy of anyone's e-mail or phone. */
export const identityHash = (kind: string, value: string) =>
  createHash("sha256").update(`${kind}:${value}`).digest("hex");
