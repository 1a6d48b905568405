import { z } from "zod";
import { optionalText, requiredText } from "@/lib/validation";

const digits = (v: unknown) => (typeof v === "string" ? v.replace(/[\s-]/g, "") : v);
const upper = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase() : v);

/** W-9 federal tax classifications (line 3a); an LLC names how it is taxed. */
export const TAX_CLASSIFICATIONS = [
  "INDIVIDUAL",
  "C_CORPORATION",
  "S_CORPORATION",
  "PARTNERSHIP",
  "TRUST_ESTATE",
  "LLC_C",
  "LLC_S",
  "LLC_P",
  "OTHER",
] as const;
export const TAX_CLASSIFICATION_LABEL: Record<(typeof TAX_CLASSIFICATIONS)[number], string> = {
  INDIVIDUAL: "Individual / sole proprietor or single-member LLC",
  C_CORPORATION: "C corporation",
  S_CORPORATION: "S corporation",
  PARTNERSHIP: "Partnership",
  TRUST_ESTATE: "Trust / estate",
  LLC_C: "LLC taxed as a C corporation",
  LLC_S: "LLC taxed as an S corporation",
  LLC_P: "LLC taxed as a partnership",
  OTHER: "Other",
};

const address = (countryRule: (c: string) => boolean, countryMessage: string, regionRequired: boolean) =>
  z.strictObject({
    line1: requiredText(140, "Enter the street address"),
    line2: optionalText(140),
    city: requiredText(80, "Enter the city"),
    region: regionRequired ? requiredText(80, "Enter the state") : optionalText(80),
    postalCode: requiredText(20, "Enter the postal code"),
    country: z.preprocess(
      upper,
      z
        .string({ error: () => "Enter the two-letter country code" })
        .regex(/^[A-Z]{2}$/, "Enter the two-letter country code")
        .refine(countryRule, countryMessage),
    ),
  });

/** The electronic signature: the signer types their name and ticks the certification (docs/payouts.md#tax-forms). */
const signature = {
  signatureName: requiredText(140, "Type your full name to sign"),
  certify: z.literal(true, { error: () => "Tick the box to certify the information and sign" }),
};

const w9 = z.strictObject({
  kind: z.literal("W9"),
  legalName: requiredText(140, "Enter the name shown on your income tax return"),
  businessName: optionalText(140),
  taxClassification: z.preprocess(
    upper,
    z.enum(TAX_CLASSIFICATIONS, { error: () => "Choose the federal tax classification" }),
  ),
  address: address((c) => c === "US", "A W-9 address is in the US", true),
  tinType: z.preprocess(upper, z.enum(["SSN", "EIN"], { error: () => "Choose SSN or EIN" })),
  /** SSN (or ITIN) `123-45-6789`, or EIN `12-3456789`: 9 digits, dashes and spaces ignored. */
  tin: z.preprocess(
    digits,
    z
      .string({ error: () => "Enter your SSN or EIN" })
      .regex(/^\d{9}$/, "An SSN or EIN has 9 digits")
      .refine((t) => !/^(\d)\1{8}$/.test(t), "This is not a valid SSN or EIN"),
  ),
  ...signature,
});

const w8ben = z.strictObject({
  kind: z.literal("W8BEN"),
  legalName: requiredText(140, "Enter your name"),
  country: z.preprocess(
    upper,
    z
      .string({ error: () => "Enter your country of citizenship (two letters)" })
      .regex(/^[A-Z]{2}$/, "Enter your country of citizenship (two letters)")
      .refine((c) => c !== "US", "US persons file a W-9, not a W-8BEN"),
  ),
  address: address((c) => c !== "US", "A W-8BEN permanent residence address is outside the US", false),
  /** The foreign tax identifying number (line 6a). */
  foreignTin: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z
      .string({ error: () => "Enter your foreign tax identifying number" })
      .regex(/^[A-Z0-9][A-Z0-9 ./-]{2,39}$/, "A foreign TIN has 3 to 40 letters and digits"),
  ),
  ...signature,
});

/** A tax form submission: `kind` picks W-9 (US persons) or W-8BEN (foreign individuals). */
export const taxFormInputSchema = z.discriminatedUnion("kind", [w9, w8ben], {
  error: () => "Choose W-9 (US person) or W-8BEN (not a US person)",
});
export type TaxFormInput = z.output<typeof taxFormInputSchema>;

/** `GET /api/v1/reports/1099-nec?year=`: a calendar year. */
export const reportYearQuerySchema = z.strictObject({
  year: z.coerce
    .number({ error: () => "year must be a four-digit year" })
    .int("year must be a four-digit year")
    .min(2000, "year must be 2000 or later")
    .max(2100, "year must be 2100 or earlier"),
});

/** The masked view every door answers with (the TIN's last four only). */
export const taxFormJson = z.object({
  partnerId: z.uuid(),
  kind: z.enum(["W9", "W8BEN"]),
  legalName: z.string(),
  businessName: z.string().nullable(),
  taxClassification: z.string().nullable(),
  country: z.string(),
  address: z.record(z.string(), z.string()),
  tinType: z.enum(["SSN", "EIN", "FOREIGN"]),
  tinMasked: z.string().describe("`•••• 6789`: the TIN is never returned in clear"),
  signatureName: z.string(),
  signedAt: z.string(),
  updatedAt: z.string(),
});
