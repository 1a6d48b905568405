import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializePayout } from "@/lib/api/serializers";
import { getPayout } from "@/lib/payouts/queries";

/** One payout with the rewards it covered (another partner's → 404). */
export const GET = apiRoute({ auth: "any", params: idParams }, async ({ db, principal, params }) =>
  serializePayout(found(await getPayout(db, scopeOf(principal), params.id), "Payout")),
);
