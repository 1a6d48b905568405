import { listRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";
import { apiRoute, created } from "@/lib/api/handler";
import { scopeOf } from "@/lib/api/scope";
import { serializeReferral } from "@/lib/api/serializers";
import { AppError, notFound } from "@/lib/errors";
import { createReferralSchema } from "@/lib/referrals/schemas";
import { createReferral } from "@/lib/referrals/service";
import { referralJson } from "@/lib/api/response-schemas";

/**
 * The body `{ partnerId, referralCode, source }`, optionally with a new `lead` (created in the same
 * transaction) or, for admins, an existing `leadId`. A partner refers only as itself.
 */
export const POST = apiRoute(
  {
    auth: "any",
    doc: {
      summary: "Create a referral, optionally with a new lead",
      response: referralJson,
      successStatus: 201,
    },
    body: createReferralSchema,
  },
  async ({ db, actor, principal, body }) => {
    const scope = scopeOf(principal);
    if (scope.partnerId && body.partnerId !== scope.partnerId) throw notFound("Partner");
    if (scope.partnerId && body.leadId)
      throw new AppError("validation", "Partners submit a new prospect with `lead`, not an existing lead id", {
        errors: [{ path: "leadId", message: "Only the program team links existing leads" }],
      });
    const referral = await createReferral(db, body, actor);
    return created(serializeReferral(referral));
  },
);

/** Referrals with status, source, partnerId, leadId, q, from, to, sort and pages (partners: their own, leads masked). */
export const GET = listRoute(apiResources.referral, "List referrals (partners: their own, leads masked)");
