import { apiRoute } from "@/lib/api/handler";
import { conversionResponse } from "@/lib/api/conversion";
import { idParams } from "@/lib/api/schemas";
import { processConversionSchema } from "@/lib/referrals/schemas";

/** The seed's `{ "conversionValue": 1000.0 }` (or exact `conversionValueCents`), admins only. */
export const POST = apiRoute({ auth: "admin", params: idParams, body: processConversionSchema }, ({ db, actor, params, body }) =>
  conversionResponse(db, params.id, body, actor),
);
