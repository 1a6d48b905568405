import { apiRoute } from "@/lib/api/handler";
import { found } from "@/lib/api/scope";
import { serializePartner } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";
import { partnerJson } from "@/lib/api/response-schemas";

/** The calling partner's own record (admins have none: 403). */
export const GET = apiRoute(
  { auth: "partner", doc: { summary: "The calling partner's own record", response: partnerJson, successStatus: 200 } },
  async ({ db, principal }) =>
    serializePartner(found(await getPartner(db, { partnerId: principal.partnerId }, principal.partnerId), "Partner")),
);
