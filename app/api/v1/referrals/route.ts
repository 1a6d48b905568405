import { apiRoute } from "@/lib/api/handler";
import { scopeOf } from "@/lib/api/scope";
import { serializePage, serializeReferral } from "@/lib/api/serializers";
import { listReferrals, referralListSchema } from "@/lib/referrals/queries";

/** Referrals with status, source, partnerId, leadId, q, from, to, sort and pages (partners: their own, leads masked). */
export const GET = apiRoute({ auth: "any", query: referralListSchema }, async ({ db, principal, query }) =>
  serializePage(await listReferrals(db, scopeOf(principal), query), serializeReferral),
);
