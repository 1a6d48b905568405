"use server";

import { revalidatePath } from "next/cache";
import { partnerAction } from "@/lib/actions/safe-action";
import { saveTaxForm } from "@/lib/tax/forms";
import { taxFormFormSchema } from "@/lib/tax/form";

export const saveTaxFormAction = partnerAction(taxFormFormSchema, async (input, { db, user, actor }) => {
  const saved = await saveTaxForm(db, user.partnerId, input, actor);
  revalidatePath("/portal", "layout");
  return { kind: saved.kind, tinMasked: saved.tinMasked, signedAt: saved.signedAt.toISOString() };
});
