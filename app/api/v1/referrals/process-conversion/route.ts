import { apiRoute } from "@/lib/api/handler";
import { conversionResponse, processConversionByBodySchema } from "@/lib/api/conversion";

/** The seed's id-less form: `{ referralId, conversionValue }`; same answers as /referrals/{id}/process-conversion. */
export const POST = apiRoute({ auth: "admin", body: processConversionByBodySchema }, ({ db, actor, body: { referralId, ...value } }) =>
  conversionResponse(db, referralId, value, actor),
);
