"use server";

import { revalidatePath } from "next/cache";
import { partnerAction } from "@/lib/actions/safe-action";
import { profileFormSchema, savePartnerProfile } from "@/lib/partners/profile";

export const saveProfileAction = partnerAction(profileFormSchema, async (input, { db, user, actor }) => {
  await savePartnerProfile(db, user.partnerId, input, actor);
  revalidatePath("/portal", "layout");
  return { saved: true as const };
});
