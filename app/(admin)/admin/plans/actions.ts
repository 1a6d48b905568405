"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { createPlan, updatePlan } from "@/lib/commissions/plans";
import { planInputSchema, planPatchSchema } from "@/lib/commissions/schemas";
import { updatePartner } from "@/lib/partners/service";

/** The editor sends the whole plan; a new plan gets version 1, an existing one a new version. */
export const savePlanAction = adminAction(
  z.object({ id: z.string().optional(), plan: z.unknown() }).strict(),
  async ({ id, plan }, { db, actor }) => {
    if (!id) {
      const { plan: created } = await createPlan(db, planInputSchema.parse(plan), actor);
      revalidatePath("/admin/plans");
      return { id: created.id, version: 1 };
    }
    const { version } = await updatePlan(db, id, planPatchSchema.parse(plan), actor);
    revalidatePath(`/admin/plans/${id}`);
    return { id, version: version.version };
  },
);

/** Puts a partner on a plan ("" = the default plan). */
export const assignPlanAction = adminAction(
  z.object({ partnerId: z.string(), commissionPlanId: z.string() }).strict(),
  async ({ partnerId, commissionPlanId }, { db, actor }) => {
    await updatePartner(db, partnerId, { commissionPlanId: commissionPlanId || null }, actor);
    revalidatePath(`/admin/partners/${partnerId}`);
    return { partnerId };
  },
);
