"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/lib/actions/safe-action";
import { acceptReferral, linkToLead, processConversion, rejectReferral } from "@/lib/referrals/service";

const id = z.uuid();
const majorUnits = z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, "Enter an amount with at most two decimals, e.g. 1200.00");

export const linkLeadAction = adminAction(z.object({ id, leadId: z.uuid("Enter the lead's id (a UUID)") }).strict(), async (i, { actor }) => {
  const r = await linkToLead(await getDb(), actor, i.id, { leadId: i.leadId });
  return { status: r.status };
});

export const acceptAction = adminAction(z.object({ id }).strict(), async (i, { actor }) => {
  const r = await acceptReferral(await getDb(), actor, i.id);
  return { status: r.status };
});

export const rejectAction = adminAction(z.object({ id, reason: z.string().trim().min(1, "A reason is required").max(500) }).strict(), async (i, { actor }) => {
  const r = await rejectReferral(await getDb(), actor, i.id, { reason: i.reason });
  return { status: r.status };
});

/** The value arrives in major units as text and is handed to the engine as the seed's `conversionValue` number. */
export const convertAction = adminAction(z.object({ id, conversionValue: majorUnits }).strict(), async (i, { actor }) => {
  const res = await processConversion(await getDb(), actor, i.id, { conversionValue: Number(i.conversionValue) });
  return { rewardStatus: res.reward.status };
});
