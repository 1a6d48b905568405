import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found } from "@/lib/api/scope";
import { serializePartner } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";
import { partnerStatusSchema } from "@/lib/partners/schemas";
import { changePartnerStatus } from "@/lib/partners/service";

/** `{ status, reason? }` (admins): refused transitions answer 409 naming the current status. */
export const POST = apiRoute({ auth: "admin", params: idParams, body: partnerStatusSchema }, async ({ db, actor, params, body }) => {
  await changePartnerStatus(db, params.id, body, actor);
  return serializePartner(found(await getPartner(db, {}, params.id), "Partner"));
});
