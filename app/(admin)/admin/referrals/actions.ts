"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { acceptReferral, linkToLead, processConversion, rejectReferral } from "@/lib/referrals/service";

const id = z.uuid();

export const linkLeadAction = adminAction(
  z.object({ id, leadId: z.uuid("Enter the lead's id (a UUID)") }).strict(),
  async (i, { db, actor }) => {
    const r = await linkToLead(db, i.id, { leadId: i.leadId }, actor);
    return { status: r.status };
  },
);

export const acceptAction = adminAction(z.object({ id }).strict(), async (i, { db, actor }) => {
  const r = await acceptReferral(db, i.id, actor);
  return { status: r.status };
});

export const rejectAction = adminAction(
  z.object({ id, reason: z.string().trim().min(1, "A reason is required").max(500) }).strict(),
  async (i, { db, actor }) => {
    const r = await rejectReferral(db, i.id, { reason: i.reason }, actor);
    return { status: r.status };
  },
);

/** The value arrives in major units as text; the engine converts it to cents exactly (or names the field). */
export const convertAction = adminAction(
  z.object({ id, conversionValue: z.string().trim().min(1, "Enter the conversion value") }).strict(),
  async (i, { db, actor }) => {
    const res = await processConversion(db, i.id, { conversionValue: i.conversionValue }, actor);
    return { rewardStatus: res.reward.status };
  },
);
