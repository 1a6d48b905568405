import { z } from "zod";
import { PAYMENT_METHODS } from "@/db/schema";
import { centsFromText } from "@/lib/form-values";

/** The partner form as the browser sends it: all text. */
export const partnerFormSchema = z
  .object({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string(),
    companyName: z.string(),
    commissionRatePercent: z.string(),
    npn: z.string(),
    licensedStates: z.string(),
    payoutMethod: z.string(),
  })
  .strict();
export type PartnerFormValues = z.infer<typeof partnerFormSchema>;

const blankToUndefined = (s: string) => (s.trim() === "" ? undefined : s.trim());

/**
 * Form text → the engine's partner input: the rate in percent with up to two decimals becomes
 * basis points exactly ("12.5" → 1250), empty optional fields are left out, states upper-cased.
 * Invalid text is passed on as NaN / raw so the engine's schema names the field.
 */
export function partnerInputFromForm(f: PartnerFormValues) {
  const states = f.licensedStates
    .split(/[,\s]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  return {
    firstName: f.firstName.trim(),
    lastName: f.lastName.trim(),
    email: f.email.trim(),
    phone: blankToUndefined(f.phone),
    companyName: blankToUndefined(f.companyName),
    // Blank: no override, the partner's plan decides the rates.
    commissionRateBps: f.commissionRatePercent.trim() === "" ? null : centsFromText(f.commissionRatePercent),
    npn: blankToUndefined(f.npn),
    licensedStates: states,
    payoutMethod: blankToUndefined(f.payoutMethod) as (typeof PAYMENT_METHODS)[number] | undefined,
  };
}

/** Partner row → form defaults. */
export function partnerFormDefaults(p?: {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  companyName: string | null;
  commissionRateBps: number | null;
  npn: string | null;
  licensedStates: string[];
  payoutMethod: string | null;
}): PartnerFormValues {
  const bps = p?.commissionRateBps ?? null;
  return {
    firstName: p?.firstName ?? "",
    lastName: p?.lastName ?? "",
    email: p?.email ?? "",
    phone: p?.phone ?? "",
    companyName: p?.companyName ?? "",
    commissionRatePercent:
      bps === null
        ? ""
        : bps % 100 === 0
          ? String(bps / 100)
          : `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, "0")}`,
    npn: p?.npn ?? "",
    licensedStates: (p?.licensedStates ?? []).join(", "),
    payoutMethod: p?.payoutMethod ?? "",
  };
}
