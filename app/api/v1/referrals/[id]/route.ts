import { changeResource, getByIdRoute, refuseTeamOnlyFields } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";
import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { scopeOf } from "@/lib/api/scope";
import { updateReferralDetails, updateReferralSchema } from "@/lib/referrals/details";
import { withdrawReferral } from "@/lib/referrals/service";
import { referralJson } from "@/lib/api/response-schemas";

/** Notes, source, sub id and UTM values; never a status. A partner may change only its own notes. */
export const PATCH = apiRoute(
  {
    auth: "any",
    doc: {
      summary: "Edit a referral's notes, source, sub id or UTM values (never its status)",
      response: referralJson,
      successStatus: 200,
    },
    params: idParams,
    body: updateReferralSchema,
  },
  async ({ db, actor, principal, params, body }) => {
    const scope = scopeOf(principal);
    return changeResource(apiResources.referral, db, scope, params.id, async () => {
      refuseTeamOnlyFields(
        scope,
        Object.keys(body).filter((k) => k !== "notes" && body[k as keyof typeof body] !== undefined),
      );
      await updateReferralDetails(db, params.id, body, actor);
    });
  },
);

/** Withdraws a referral while it is PENDING (→ REJECTED, reason WITHDRAWN); otherwise 409 naming the status. */
export const DELETE = apiRoute(
  {
    auth: "any",
    doc: {
      summary: "Withdraw a PENDING referral (→ REJECTED, reason WITHDRAWN)",
      response: referralJson,
      successStatus: 200,
    },
    params: idParams,
  },
  async ({ db, actor, principal, params }) =>
    changeResource(apiResources.referral, db, scopeOf(principal), params.id, () =>
      withdrawReferral(db, params.id, actor),
    ),
);

/** One referral with its lead (masked for partners), rewards and timeline (another partner's → 404). */
export const GET = getByIdRoute(apiResources.referral, "Get a referral with its lead, rewards and timeline");
