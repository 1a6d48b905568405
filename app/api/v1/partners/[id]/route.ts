import { changeResource, getByIdRoute, readResource, refuseTeamOnlyFields } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";
import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { scopeOf } from "@/lib/api/scope";
import { updatePartnerSchema } from "@/lib/partners/schemas";
import { terminatePartner, updatePartner } from "@/lib/partners/service";
import { partnerJson } from "@/lib/api/response-schemas";

/** Fields only the program team sets; a partner sending them gets 400, never a silent partial update. */
const ADMIN_ONLY_FIELDS = ["email", "commissionRateBps", "commissionPlanId", "currency", "minimumPayoutCents"] as const;

/**
 * Profile changes. Never a status or a code (those move through /status and /regenerate-code: unknown
 * fields here); a partner edits only its own profile and not its rate, currency, e-mail or payout floor.
 */
export const PATCH = apiRoute(
  {
    auth: "any",
    doc: {
      summary: "Edit a partner's profile (never its status or code; partners not their rate or plan)",
      response: partnerJson,
      successStatus: 200,
    },
    params: idParams,
    body: updatePartnerSchema,
  },
  async ({ db, actor, principal, params, body }) => {
    const scope = scopeOf(principal);
    return changeResource(apiResources.partner, db, scope, params.id, async () => {
      refuseTeamOnlyFields(
        scope,
        ADMIN_ONLY_FIELDS.filter((k) => body[k] !== undefined),
      );
      await updatePartner(db, params.id, body, actor);
    });
  },
);

/**
 * Terminates the partner (admins): its history, codes and payouts stay; its codes stop validating.
 * Idempotent: deleting a terminated partner answers the same 200 and writes nothing.
 */
export const DELETE = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Terminate a partner (history kept; repeating it changes nothing)",
      response: partnerJson,
      successStatus: 200,
    },
    params: idParams,
  },
  async ({ db, actor, params }) => {
    await terminatePartner(db, params.id, "Terminated through the API", actor);
    return readResource(apiResources.partner, db, {}, params.id);
  },
);

/** One partner with its codes (current and aliases); a partner may read only itself. */
export const GET = getByIdRoute(apiResources.partner, "Get a partner with its current code and aliases");
