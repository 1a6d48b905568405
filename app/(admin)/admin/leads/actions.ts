"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { LEAD_STATUSES } from "@/db/schema";
import { adminAction } from "@/lib/actions/safe-action";
import { changeLeadStatus } from "@/lib/leads/service";

export const changeLeadStatusAction = adminAction(
  z
    .object({
      id: z.uuid(),
      status: z.enum(LEAD_STATUSES),
      conversionValue: z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, "Enter an amount with at most two decimals").optional(),
    })
    .strict(),
  async ({ id, status, conversionValue }, { actor }) => {
    const res = await changeLeadStatus(await getDb(), actor, id, { status, ...(conversionValue ? { conversionValue: Number(conversionValue) } : {}) });
    return { status: res.lead.status, note: res.referralNote ?? null };
  },
);
