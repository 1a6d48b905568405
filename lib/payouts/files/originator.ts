import { z } from "zod";
import { isValidAbaRouting, normalizeBic, normalizeIban } from "@/lib/payout-details/checks";
import { requiredText } from "@/lib/validation";

/**
 * The program's own side of a bank file (settings `bankOriginator`): who sends the money and from which
 * account. Each rail is optional; a file of a rail that is not set answers 409 naming what is missing.
 */
export const bankOriginatorSchema = z.strictObject({
  ach: z
    .strictObject({
      bankRouting: z.string().refine(isValidAbaRouting, "Not a valid ABA routing number"),
      bankName: requiredText(23, "Name the bank (23 characters at most)"),
      companyId: z.string().regex(/^[A-Za-z0-9 ]{10}$/, "The company id has 10 characters (often 1 + the EIN)"),
      companyName: requiredText(16, "Name the company (16 characters at most)"),
    })
    .nullable()
    .optional(),
  sepa: z
    .strictObject({
      name: requiredText(70, "Name the account holder"),
      iban: z.string().transform((v, ctx) => {
        const iban = normalizeIban(v);
        if (!iban) ctx.addIssue({ code: "custom", message: "This IBAN is not valid" });
        return iban ?? "";
      }),
      bic: z
        .string()
        .transform((v, ctx) => {
          const bic = normalizeBic(v);
          if (!bic) ctx.addIssue({ code: "custom", message: "A BIC has 8 or 11 characters" });
          return bic ?? "";
        })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});
export type BankOriginator = z.output<typeof bankOriginatorSchema>;
