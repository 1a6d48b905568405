import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { found, scopeOf } from "@/lib/api/scope";
import { serializePayout } from "@/lib/api/serializers";
import { getPayout } from "@/lib/payouts/queries";
import { payoutJson } from "@/lib/api/response-schemas";

/** One payout with the rewards it covered (another partner's → 404). */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "Get a payout with the rewards it covered", response: payoutJson, successStatus: 200 },
    params: idParams,
  },
  async ({ db, principal, params }) =>
    serializePayout(found(await getPayout(db, scopeOf(principal), params.id), "Payout")),
);
