import { apiRoute } from "@/lib/api/handler";
import { found } from "@/lib/api/scope";
import { serializePartner } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";

/** The calling partner's own record (admins have none: 403). */
export const GET = apiRoute({ auth: "partner" }, async ({ db, principal }) =>
  serializePartner(found(await getPartner(db, { partnerId: principal.partnerId }, principal.partnerId), "Partner")),
);
