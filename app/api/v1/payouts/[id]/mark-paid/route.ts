import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { serializePayout } from "@/lib/api/serializers";
import { markPayoutPaidSchema } from "@/lib/payouts/schemas";
import { markPayoutPaid } from "@/lib/payouts/service";
import { payoutJson } from "@/lib/api/response-schemas";

/** `{ paymentMethod, transactionId }` (admins): PENDING → PAID with its rewards and referrals; the same id replays. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Record the bank's transaction id: payout, rewards and referrals → PAID",
      response: payoutJson,
      successStatus: 200,
    },
    params: idParams,
    body: markPayoutPaidSchema,
  },
  async ({ db, actor, params, body }) => {
    const out = await markPayoutPaid(db, params.id, body, actor);
    return serializePayout({ ...out.payout, rewardIds: out.rewards.map((r) => r.id) });
  },
);
