import { adminActionRoute } from "@/lib/api/doors";
import { processConversion } from "@/lib/referrals/service";
import { conversionAnswer } from "@/lib/api/serializers";
import { processConversionSchema } from "@/lib/referrals/schemas";
import { conversionJson } from "@/lib/api/response-schemas";

/** `{ "conversionValue": 1000.0 }` (or exact `conversionValueCents`), admins only. */
export const POST = adminActionRoute(
  {
    summary: "Convert a referral: reward from the partner's rate (201 first time, 200 on a replay)",
    response: conversionJson,
  },
  processConversionSchema,
  processConversion,
  conversionAnswer,
);
