import { apiRoute } from "@/lib/api/handler";
import { conversionResponse } from "@/lib/api/conversion";
import { idParams } from "@/lib/api/schemas";
import { processConversionSchema } from "@/lib/referrals/schemas";
import { conversionJson } from "@/lib/api/response-schemas";

/** The seed's `{ "conversionValue": 1000.0 }` (or exact `conversionValueCents`), admins only. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Convert a referral: reward from the partner's rate (201 first time, 200 on a replay)",
      response: conversionJson,
    },
    params: idParams,
    body: processConversionSchema,
  },
  ({ db, actor, params, body }) => conversionResponse(db, params.id, body, actor),
);
