import { apiRoute } from "@/lib/api/handler";
import { processConversionByBodySchema } from "@/lib/referrals/schemas";
import { processConversion } from "@/lib/referrals/service";
import { conversionAnswer } from "@/lib/api/serializers";
import { conversionJson } from "@/lib/api/response-schemas";

/** The id-less form: `{ referralId, conversionValue }`; same answers as /referrals/{id}/process-conversion. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Process a conversion, referralId in the body", response: conversionJson },
    body: processConversionByBodySchema,
  },
  async ({ db, actor, body: { referralId, ...value } }) =>
    conversionAnswer(await processConversion(db, referralId, value, actor)),
);
