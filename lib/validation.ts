import { z } from "zod";

/** Enum input accepted case-insensitively (`"website"` → `WEBSITE`), as every input takes them (docs/api.md#input). */
export function enumInput<const T extends readonly [string, ...string[]]>(values: T, message?: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.enum(values, { error: () => message ?? `Must be one of ${values.join(", ")}` }),
  );
}

/**
 * Control characters in text input (docs/security.md): single-line fields (names, companies, payout details,
 * reasons, references) refuse all of them, line breaks and tabs included, so a value can never start a new
 * row in an export or hide text in a list; multi-line fields (a lead's message, notes) keep tab, LF and CR
 * and refuse the rest. NUL is refused everywhere (PostgreSQL cannot store it in text).
 */
const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f]/;
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const SINGLE_LINE_MESSAGE = "Must be one line without control characters (no line breaks, tabs or NUL)";
export const MULTI_LINE_MESSAGE = "Must not contain control characters other than line breaks and tabs";

/** A string on one line: no control characters at all. */
export const singleLine = (max: number, message?: string) =>
  z
    .string({ error: () => message ?? "Must be text" })
    .max(max, `At most ${max} characters`)
    .refine((v) => !SINGLE_LINE_CONTROL.test(v), SINGLE_LINE_MESSAGE);

/** Optional single-line text: trimmed; an empty string (a blank form field) counts as absent. */
export function optionalText(max: number, message?: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
    singleLine(max, message).optional(),
  );
}

/** Optional multi-line text (a message, notes): trimmed, line breaks kept. */
export function optionalMultilineText(max: number, message?: string) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
    z
      .string({ error: () => message ?? "Must be text" })
      .max(max, `At most ${max} characters`)
      .refine((v) => !MULTI_LINE_CONTROL.test(v), MULTI_LINE_MESSAGE)
      .optional(),
  );
}

/** Required single-line text, trimmed. */
export function requiredText(max: number, message: string) {
  return z.preprocess((v) => (typeof v === "string" ? v.trim() : v), singleLine(max, message).min(1, message));
}

/**
 * The path of the first string holding a NUL anywhere in a request's input (keys included), or null.
 * Doors (apiRoute, server actions) refuse such input before any schema, so no field is missed.
 */
export function findNul(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return path;
      const hit = findNul(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
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
