import { z } from "zod";
import type { DbOrTx } from "@/db";
import { PAYMENT_METHODS } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { updatePartnerSchema } from "@/lib/partners/schemas";
import { updatePartner } from "@/lib/partners/service";

/**
 * Free-form payout notes a partner fills in (`partners.payout_details`). Account numbers and IBANs are not
 * here: they are structured and sealed (lib/payout-details).
 */
export const PAYOUT_DETAIL_FIELDS = [
  { key: "accountHolder", label: "Account holder / payee name" },
  { key: "notes", label: "Notes for the payments team" },
] as const;

const text = (max: number) =>
  z
    .preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(max, `At most ${max} characters`))
    .optional();

/** The profile form: only what a partner may change (never its code, rate or status). */
export const profileFormSchema = z.object({
  firstName: z.unknown(),
  lastName: z.unknown(),
  companyName: z.unknown().optional(),
  phone: z.unknown().optional(),
  payoutMethod: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() || undefined : v),
    z.enum(PAYMENT_METHODS, { error: () => "Choose a payout method" }).optional(),
  ),
  accountHolder: text(200),
  notes: text(500),
});

/** Saves the signed-in partner's profile through the engine (audited as partner.updated). */
export async function savePartnerProfile(
  db: DbOrTx,
  partnerId: string,
  input: z.output<typeof profileFormSchema>,
  actor: Actor,
) {
  const payoutDetails = Object.fromEntries(
    PAYOUT_DETAIL_FIELDS.map((f) => [f.key, input[f.key] ?? ""]).filter(([, v]) => v !== ""),
  );
  const patch = updatePartnerSchema.parse({
    firstName: input.firstName,
    lastName: input.lastName,
    // Blank optional fields clear the value.
    companyName: typeof input.companyName === "string" && input.companyName.trim() ? input.companyName : null,
    phone: typeof input.phone === "string" && input.phone.trim() ? input.phone : null,
    ...(input.payoutMethod ? { payoutMethod: input.payoutMethod } : {}),
    payoutDetails,
  });
  return updatePartner(db, partnerId, patch, actor);
}
