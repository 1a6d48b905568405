import { apiRoute, created } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { policyEventJson } from "@/lib/api/response-schemas";
import { serializePolicyEvent } from "@/lib/api/serializers";
import { policyEventInputSchema } from "@/lib/policies/schemas";
import { recordPolicyEvent } from "@/lib/policies/service";

/**
 * POST /api/v1/leads/{id}/policy-events: `{ type: ISSUED | CANCELLED | RENEWED, effectiveDate, termDays?,
 * premiumCents?, policyNumber? }` from an admin or an admin integration key. A cancellation takes the reward
 * back (whole inside the free-look window, pro rata inside the chargeback window), a renewal pays the plan's
 * renewal rule once per policy year (docs/compliance.md#policy-events). 201 the first time, 200 on a repeat
 * of the same (type, effectiveDate).
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Record a policy event of a lead (issued, cancelled, renewed): clawbacks and renewal rewards",
      response: policyEventJson,
    },
    params: idParams,
    body: policyEventInputSchema,
  },
  async ({ db, params, body, actor }) => {
    const { event, created: isNew } = await recordPolicyEvent(db, params.id, body, actor, { channel: "API" });
    const json = serializePolicyEvent(event);
    return isNew ? created(json) : json;
  },
);
