"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { PARTNER_STATUSES } from "@/db/schema";
import { adminAction } from "@/lib/actions/safe-action";
import { partnerFormSchema, partnerInputFromForm } from "@/lib/admin/partner-form";
import { createPartnerUser } from "@/lib/auth/tokens";
import { changePartnerStatus, createPartner, regenerateCode as regenerate, updatePartner } from "@/lib/partners/service";

const idSchema = z.object({ id: z.uuid() }).strict();
const reasonSchema = z.string().trim().min(1, "A reason is required").max(500);

/** Creates the partner (ACTIVE, as admin-created partners are) and its login with an invitation link. */
export const createPartnerAction = adminAction(partnerFormSchema, async (form, { actor }) => {
  const db = await getDb();
  const partner = await createPartner(db, actor, partnerInputFromForm(form));
  const invite = await createPartnerUser(db, { partnerId: partner.id, email: partner.email, name: `${partner.firstName} ${partner.lastName}` }, actor);
  return { partnerId: partner.id, code: partner.referralCode ?? null, invitationUrl: invite?.url ?? null };
});

export const updatePartnerAction = adminAction(partnerFormSchema.extend({ id: z.uuid() }), async ({ id, ...form }, { actor }) => {
  const p = await updatePartner(await getDb(), actor, id, partnerInputFromForm(form));
  return { id: p.id };
});

export const changeStatus = adminAction(
  z.object({ id: z.uuid(), status: z.enum(PARTNER_STATUSES), reason: reasonSchema }).strict(),
  async ({ id, status, reason }, { actor }) => {
    const p = await changePartnerStatus(await getDb(), actor, id, { status, reason });
    return { status: p.status };
  },
);

export const approveApplication = adminAction(idSchema, async ({ id }, { actor }) => {
  const p = await changePartnerStatus(await getDb(), actor, id, { status: "ACTIVE", reason: "Application approved" });
  return { status: p.status };
});

export const declineApplication = adminAction(idSchema.extend({ reason: reasonSchema }), async ({ id, reason }, { actor }) => {
  const p = await changePartnerStatus(await getDb(), actor, id, { status: "TERMINATED", reason: `Application declined: ${reason}` });
  return { status: p.status };
});

export const regenerateCode = adminAction(idSchema, async ({ id }, { actor }) => {
  const r = await regenerate(await getDb(), actor, id);
  return { code: r.code };
});
