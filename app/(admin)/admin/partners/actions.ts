"use server";
import { z } from "zod";
import { PARTNER_STATUSES } from "@/db/schema";
import { adminAction } from "@/lib/actions/safe-action";
import { partnerFormSchema, partnerInputFromForm } from "@/lib/partners/form";
import { createPartnerUser } from "@/lib/auth/tokens";
import { createPartnerSchema, updatePartnerSchema } from "@/lib/partners/schemas";
import {
  changePartnerStatus,
  createPartner,
  regenerateCode as regenerate,
  updatePartner,
} from "@/lib/partners/service";

const idSchema = z.object({ id: z.uuid() }).strict();
const reasonSchema = z.string().trim().min(1, "A reason is required").max(500);

/**
 * Creates the partner (ACTIVE, as admin-created partners are) and its login with an invitation link,
 * in one transaction: no partner without its invitation.
 */
export const createPartnerAction = adminAction(partnerFormSchema, async (form, { db, actor }) => {
  const input = createPartnerSchema.parse(partnerInputFromForm(form));
  return db.transaction(async (tx) => {
    const partner = await createPartner(tx, input, actor, { via: "ADMIN" });
    const { invitation } = await createPartnerUser(
      tx,
      { partnerId: partner.id, email: partner.email, name: `${partner.firstName} ${partner.lastName}` },
      actor,
    );
    return { partnerId: partner.id, code: partner.referralCode, invitationUrl: invitation.url };
  });
});

export const updatePartnerAction = adminAction(
  partnerFormSchema.extend({ id: z.uuid() }),
  async ({ id, ...form }, { db, actor }) => {
    const { phone, companyName, ...rest } = partnerInputFromForm(form);
    const patch = updatePartnerSchema.parse({ ...rest, phone: phone ?? null, companyName: companyName ?? null });
    const p = await updatePartner(db, id, patch, actor);
    return { id: p.id };
  },
);

export const changeStatus = adminAction(
  z.object({ id: z.uuid(), status: z.enum(PARTNER_STATUSES), reason: reasonSchema }).strict(),
  async ({ id, status, reason }, { db, actor }) => {
    const p = await changePartnerStatus(db, id, { status, reason }, actor);
    return { status: p.status };
  },
);

export const approveApplication = adminAction(idSchema, async ({ id }, { db, actor }) => {
  const p = await changePartnerStatus(db, id, { status: "ACTIVE", reason: "Application approved" }, actor);
  return { status: p.status };
});

export const declineApplication = adminAction(
  idSchema.extend({ reason: reasonSchema }),
  async ({ id, reason }, { db, actor }) => {
    const p = await changePartnerStatus(
      db,
      id,
      { status: "TERMINATED", reason: `Application declined: ${reason}` },
      actor,
    );
    return { status: p.status };
  },
);

export const regenerateCode = adminAction(idSchema, async ({ id }, { db, actor }) => {
  const r = await regenerate(db, id, actor);
  return { code: r.referralCode };
});
