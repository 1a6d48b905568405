import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializePage, serializePayout } from "@/lib/api/serializers";
import { getPartner } from "@/lib/partners/queries";
import { listPayouts, payoutListSchema } from "@/lib/payouts/queries";
import { pageOf, payoutJson } from "@/lib/api/response-schemas";

/** One partner's payouts, with the filters of GET /payouts (another partner's id → 404). */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "A partner's payouts", response: pageOf(payoutJson), successStatus: 200 },
    params: idParams,
    query: payoutListSchema.omit({ partnerId: true }),
  },
  async ({ db, principal, params, query }) => {
    const scope = scopeOf(principal);
    found(await getPartner(db, scope, params.id), "Partner");
    return serializePage(await listPayouts(db, scope, { ...query, partnerId: params.id }), serializePayout);
  },
);
