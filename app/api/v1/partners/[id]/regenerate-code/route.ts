import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { emptyBody, found } from "@/lib/api/scope";
import { serializePartner } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";
import { regenerateCode } from "@/lib/partners/service";
import { partnerJson } from "@/lib/api/response-schemas";

/** A new current code (admins); the old one stays an alias, so links already shared keep attributing. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Give a partner a new referral code; the old one stays an alias (admins)",
      response: partnerJson,
      successStatus: 200,
    },
    params: idParams,
    body: emptyBody,
  },
  async ({ db, actor, params }) => {
    await regenerateCode(db, params.id, actor);
    return serializePartner(found(await getPartner(db, {}, params.id), "Partner"));
  },
);
