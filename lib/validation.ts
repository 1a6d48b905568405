import { z } from "zod";

/** Enum input accepted case-insensitively (`"website"` → `WEBSITE`), as the contract requires. */
export function enumInput<const T extends readonly [string, ...string[]]>(values: T, message?: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.enum(values, { error: () => message ?? `Must be one of ${values.join(", ")}` }),
  );
}

/** Optional text: trimmed; an empty string (a blank form field) counts as absent. */
export function optionalText(max: number, message?: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
    z
      .string({ error: () => message ?? "Must be text" })
      .max(max, `At most ${max} characters`)
      .optional(),
  );
}

export function requiredText(max: number, message: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: () => message })
      .min(1, message)
      .max(max, `At most ${max} characters`),
  );
}

/** An e-mail address, stored lower-case. */
export const emailInput = (message = "Enter a valid e-mail address") =>
  z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.email({ error: () => message }).max(254));

/** Phone numbers keep digits only, so "(555) 123-4567" and "5551234567" match. */
export const phoneInput = (message = "Enter a valid phone number") =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\D/g, "") : v),
    z.string({ error: () => message }).regex(/^\d{7,15}$/, message),
  );

export const normalizePhone = (phone: string | null | undefined) => (phone ? phone.replace(/\D/g, "") || null : null);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids reach SQL only when they are UUIDs: anything else would be a database error, so it is "not found". */
export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID_RE.test(v);
export const uuidInput = (message = "Must be a valid id") => z.string({ error: () => message }).regex(UUID_RE, message);
