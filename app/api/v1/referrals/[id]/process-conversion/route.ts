import { apiRoute } from "@/lib/api/handler";
import { processConversion } from "@/lib/referrals/service";
import { conversionAnswer } from "@/lib/api/serializers";
import { idParams } from "@/lib/api/schemas";
import { processConversionSchema } from "@/lib/referrals/schemas";
import { conversionJson } from "@/lib/api/response-schemas";

/** `{ "conversionValue": 1000.0 }` (or exact `conversionValueCents`), admins only. */
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
  async ({ db, actor, params, body }) => conversionAnswer(await processConversion(db, params.id, body, actor)),
);
