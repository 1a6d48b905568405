import { apiRoute } from "@/lib/api/handler";
import { conversionResponse, processConversionByBodySchema } from "@/lib/api/conversion";
import { conversionJson } from "@/lib/api/response-schemas";

/** The seed's id-less form: `{ referralId, conversionValue }`; same answers as /referrals/{id}/process-conversion. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "The seed's id-less conversion: referralId in the body", response: conversionJson },
    body: processConversionByBodySchema,
  },
  ({ db, actor, body: { referralId, ...value } }) => conversionResponse(db, referralId, value, actor),
);
