import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializeReferral } from "@/lib/api/serializers";
import { getReferral } from "@/lib/referrals/queries";

/** One referral with its lead (masked for partners), rewards and timeline (another partner's → 404). */
export const GET = apiRoute({ auth: "any", params: idParams }, async ({ db, principal, params }) =>
  serializeReferral(found(await getReferral(db, scopeOf(principal), params.id), "Referral")),
);
