import { z } from "zod";

/**
 * Text from form controls → numbers for the zod schemas. Invalid text becomes NaN so the schema
 * reports the field ("must be a whole number") instead of silently reading "" as 0.
 */
export function intFromText(s: unknown): number {
  if (typeof s === "number") return s;
  if (typeof s !== "string" || !/^\s*-?\d+\s*$/.test(s)) return Number.NaN;
  return Number(s.trim());
}

/** "3.5" → 3.5 (a plain decimal, no grouping); anything else NaN, so the schema names the field. */
export function decimalFromText(s: unknown): number {
  if (typeof s === "number") return s;
  if (typeof s !== "string" || !/^\s*-?\d+(?:\.\d+)?\s*$/.test(s)) return Number.NaN;
  return Number(s.trim());
}

/** "1,234.5" / "1234.50" (major units, at most 2 decimals) → integer cents, exactly; anything else NaN. */
export function centsFromText(s: unknown): number {
  if (typeof s === "number") s = String(s);
  if (typeof s !== "string") return Number.NaN;
  const m = /^\s*(-)?\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(s);
  if (!m) return Number.NaN;
  const whole = Number(m[2].replace(/,/g, ""));
  const frac = Number((m[3] ?? "").padEnd(2, "0"));
  const cents = whole * 100 + frac;
  if (!Number.isSafeInteger(cents)) return Number.NaN;
  return m[1] ? -cents : cents;
}

/** Integer cents → "1234.50" for an input's default value. */
export const centsToText = (cents: number) =>
  `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;

const ADDRESS_FIELDS = ["line1", "line2", "city", "region", "postalCode", "country"];

/** The postal address a form posts flat, nested as the API takes it; `country` is read from `countryField`. */
export function postedAddress(f: Record<string, unknown>, countryField = "country"): Record<string, unknown> {
  return Object.fromEntries(
    ADDRESS_FIELDS.map((k) => [k, f[k === "country" ? countryField : k]]).filter(([, v]) => v !== undefined),
  );
}

/**
 * A portal form with a `kind` selector posts flat fields for every kind: this keeps `kind` and the chosen
 * kind's fields (`fieldsOfKind`), adds what `nest` builds (a nested address…) and parses with the one input
 * schema, so errors name the API's fields.
 */
export function kindFormSchema<S extends z.ZodType>(
  fieldsOfKind: Record<string, string[]>,
  schema: S,
  nest: (f: Record<string, unknown>, kind: string | undefined) => Record<string, unknown>,
) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const f = raw as Record<string, unknown>;
    const kind = typeof f.kind === "string" ? f.kind : undefined;
    const out: Record<string, unknown> = { kind };
    for (const k of fieldsOfKind[kind ?? ""] ?? []) if (f[k] !== undefined) out[k] = f[k];
    return { ...out, ...nest(f, kind) };
  }, schema);
}
