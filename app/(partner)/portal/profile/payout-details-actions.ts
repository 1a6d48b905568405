"use server";

import { revalidatePath } from "next/cache";
import { partnerAction } from "@/lib/actions/safe-action";
import { payoutDetailsFormSchema } from "@/lib/payout-details/form";
import { savePayoutDetails } from "@/lib/payout-details/service";
import { payoutCurrencyFormSchema } from "@/lib/partners/schemas";
import { updatePartner } from "@/lib/partners/service";

export const savePayoutDetailsAction = partnerAction(payoutDetailsFormSchema, async (input, { db, user, actor }) => {
  const saved = await savePayoutDetails(db, user.partnerId, input, actor);
  revalidatePath("/portal", "layout");
  return { blockedUntil: saved.payoutsBlockedUntil?.toISOString() ?? null };
});

export const savePayoutCurrencyAction = partnerAction(
  payoutCurrencyFormSchema,
  async ({ payoutCurrency }, { db, user, actor }) => {
    const p = await updatePartner(db, user.partnerId, { payoutCurrency }, actor);
    revalidatePath("/portal", "layout");
    return { payoutCurrency: p.payoutCurrency ?? p.currency };
  },
);
