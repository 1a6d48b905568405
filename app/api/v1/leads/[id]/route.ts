import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { notFound } from "@/lib/errors";
import { getLead } from "@/lib/leads/queries";
import { leadStatusSchema } from "@/lib/leads/schemas";
import { changeLeadStatus } from "@/lib/leads/service";
import { scopeOf } from "@/lib/api/scope";

/** GET /api/v1/leads/{id}: the lead with its referrals and (admins) consent records; a partner's other leads → 404. */
export const GET = apiRoute(
  { auth: "any", doc: { summary: "Get a lead with its referrals and consent records" }, params: idParams },
  async ({ db, params, principal }) => {
    const lead = await getLead(db, scopeOf(principal), params.id);
    if (!lead) throw notFound("Lead");
    return lead;
  },
);

/**
 * PATCH /api/v1/leads/{id}: `{ status, conversionValue? | conversionValueCents? }` by an admin or an admin
 * integration key (partners never change a lead's status → 403). The linked referral follows in the same
 * transaction; `referralChange` says what it did, or why it stayed.
 */
export const PATCH = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Change a lead's status (a conversion with its value)" },
    params: idParams,
    body: leadStatusSchema,
  },
  async ({ db, params, body, actor }) => {
    const { lead, referral, referralChange } = await changeLeadStatus(db, params.id, body, actor);
    return { ...lead, referral, referralChange };
  },
);
