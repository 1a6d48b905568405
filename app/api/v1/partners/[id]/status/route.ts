import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found } from "@/lib/api/scope";
import { serializePartner } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";
import { partnerStatusSchema } from "@/lib/partners/schemas";
import { changePartnerStatus } from "@/lib/partners/service";
import { partnerJson } from "@/lib/api/response-schemas";

/** `{ status, reason? }` (admins): refused transitions answer 409 naming the current status. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Change a partner's status with a reason (admins)", response: partnerJson, successStatus: 200 },
    params: idParams,
    body: partnerStatusSchema,
  },
  async ({ db, actor, params, body }) => {
    await changePartnerStatus(db, params.id, body, actor);
    return serializePartner(found(await getPartner(db, {}, params.id), "Partner"));
  },
);
