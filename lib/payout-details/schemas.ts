import { z } from "zod";
import { emailInput, requiredText, optionalText } from "@/lib/validation";
import { isSepaIban, isValidAbaRouting, normalizeBic, normalizeIban } from "./checks";

const digits = (v: unknown) => (typeof v === "string" ? v.replace(/[\s-]/g, "") : v);
const holderName = requiredText(140, "Enter the account holder's name");

const usAch = z.strictObject({
  kind: z.literal("US_ACH"),
  holderName,
  routingNumber: z.preprocess(
    digits,
    z
      .string({ error: () => "Enter the 9-digit routing number" })
      .refine(isValidAbaRouting, "This is not a valid ABA routing number (9 digits, checksum)"),
  ),
  accountNumber: z.preprocess(
    digits,
    z.string({ error: () => "Enter the account number" }).regex(/^\d{4,17}$/, "An account number has 4 to 17 digits"),
  ),
  accountType: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z.enum(["CHECKING", "SAVINGS"], { error: () => "Choose checking or savings" }),
  ),
});

const sepa = z.strictObject({
  kind: z.literal("SEPA"),
  holderName,
  iban: z.string({ error: () => "Enter the IBAN" }).transform((v, ctx) => {
    const iban = normalizeIban(v);
    if (!iban) ctx.addIssue({ code: "custom", message: "This IBAN is not valid (check digits or length)" });
    else if (!isSepaIban(iban)) ctx.addIssue({ code: "custom", message: "This IBAN is outside the SEPA area" });
    return iban ?? "";
  }),
  bic: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .transform((v, ctx) => {
        const bic = normalizeBic(v);
        if (!bic) ctx.addIssue({ code: "custom", message: "A BIC has 8 or 11 letters and digits" });
        return bic ?? "";
      })
      .optional(),
  ),
});

const paypal = z.strictObject({ kind: z.literal("PAYPAL"), paypalEmail: emailInput("Enter your PayPal e-mail") });

const check = z.strictObject({
  kind: z.literal("CHECK"),
  holderName,
  address: z.strictObject({
    line1: requiredText(140, "Enter the street address"),
    line2: optionalText(140),
    city: requiredText(80, "Enter the city"),
    region: optionalText(80),
    postalCode: requiredText(20, "Enter the postal code"),
    country: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
      z.string().regex(/^[A-Z]{2}$/, "Enter the two-letter country code"),
    ),
  }),
});

/** One schema per payout method, validated at entry; the discriminant `kind` picks the fields. */
export const payoutDetailsInputSchema = z.discriminatedUnion("kind", [usAch, sepa, paypal, check], {
  error: () => "Choose how you want to be paid",
});
export type PayoutDetailsInput = z.output<typeof payoutDetailsInputSchema>;
