"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { PARTNER_STATUSES } from "@/db/schema";
import { adminAction } from "@/lib/actions/safe-action";
import { setPartnerLicences } from "@/lib/compliance/licences";
import { licencesInputSchema } from "@/lib/compliance/licences/schemas";
import { partnerFormSchema, partnerInputFromForm } from "@/lib/partners/form";
import { createPartnerSchema, payoutCurrencyFormSchema, updatePartnerSchema } from "@/lib/partners/schemas";
import {
  changePartnerStatus,
  onboardPartner,
  regenerateCode as regenerate,
  updatePartner,
} from "@/lib/partners/service";

const idSchema = z.object({ id: z.uuid() }).strict();
const reasonSchema = z.string().trim().min(1, "A reason is required").max(500);

/** The partner form's "Create": `onboardPartner` (partner, login and invitation link, both or neither). */
export const createPartnerAction = adminAction(partnerFormSchema, async (form, { db, actor }) => {
  const input = createPartnerSchema.parse(partnerInputFromForm(form));
  const { partner, invitation } = await onboardPartner(db, input, actor, { via: "ADMIN" });
  return { partnerId: partner.id, code: partner.referralCode, invitationUrl: invitation.url };
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

/** The currency the partner is paid in (blank: the currency it earns in). */
export const setPayoutCurrencyAction = adminAction(
  payoutCurrencyFormSchema.extend({ id: z.uuid() }),
  async ({ id, payoutCurrency }, { db, actor }) => {
    const p = await updatePartner(db, id, { payoutCurrency }, actor);
    return { payoutCurrency: p.payoutCurrency ?? p.currency };
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

/** The partner page's licence editor: the whole list replaces the licences on file (docs/compliance.md#licences). */
export const setLicencesAction = adminAction(
  z.object({ partnerId: z.uuid(), licences: licencesInputSchema }).strict(),
  async ({ partnerId, licences }, { db, actor }) => {
    const rows = await setPartnerLicences(db, partnerId, licences, actor);
    revalidatePath(`/admin/partners/${partnerId}`);
    return { count: rows.length };
  },
);
