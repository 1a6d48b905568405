import { apiRoute } from "@/lib/api/handler";
import { scopeOf } from "@/lib/api/scope";
import { serializePage, serializePayout } from "@/lib/api/serializers";
import { listPayouts, payoutListSchema } from "@/lib/payouts/queries";

/** Payouts (a partner sees its own) with status, paymentMethod, partnerId, batchId, q, from, to, sort, pages. */
export const GET = apiRoute({ auth: "any", query: payoutListSchema }, async ({ db, principal, query }) =>
  serializePage(await listPayouts(db, scopeOf(principal), query), serializePayout),
);
