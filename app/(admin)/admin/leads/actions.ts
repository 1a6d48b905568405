"use server";
import { z } from "zod";
import { LEAD_STATUSES } from "@/db/schema";
import { adminAction } from "@/lib/actions/safe-action";
import { changeLeadStatus } from "@/lib/leads/service";

export const changeLeadStatusAction = adminAction(
  z
    .object({ id: z.uuid(), status: z.enum(LEAD_STATUSES), conversionValue: z.string().trim().min(1).optional() })
    .strict(),
  async ({ id, status, conversionValue }, { db, actor }) => {
    const res = await changeLeadStatus(db, id, { status, ...(conversionValue ? { conversionValue } : {}) }, actor);
    const c = res.referralChange;
    const note = !c
      ? null
      : c.skipped
        ? `The referral stayed ${c.from}: ${c.skipped}.`
        : c.to && c.to !== c.from
          ? `The referral moved from ${c.from} to ${c.to}.`
          : null;
    return { status: res.lead.status, note };
  },
);
