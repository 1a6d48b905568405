import { listRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";
import { apiRoute, created } from "@/lib/api/handler";
import { serializePayout } from "@/lib/api/serializers";
import { createPayoutBatchSchema } from "@/lib/payouts/schemas";
import { createPayoutBatch } from "@/lib/payouts/service";
import { batchJson } from "@/lib/api/response-schemas";

/**
 * A batch (admins): every partner's APPROVED rewards reaching the minimum → one PENDING payout each
 * (`{ partnerIds?, minimumCents? }`). 201 with the batch, or 200 with no payouts when nothing qualified;
 * `held` lists the partners held for tax with the reason (docs/payouts.md#holds).
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Create a payout batch from approved rewards (201; 200 with none when nothing qualified)",
      response: batchJson,
    },
    body: createPayoutBatchSchema.optional(),
  },
  async ({ db, actor, body }) => {
    const batch = await createPayoutBatch(db, body ?? {}, actor);
    const out = {
      batchId: batch.payouts.length ? batch.batchId : null,
      payouts: batch.payouts.map((p) => serializePayout(p)),
      held: batch.held,
      blocked: batch.blocked,
    };
    return batch.payouts.length ? created(out) : out;
  },
);

/** Payouts (a partner sees its own) with status, paymentMethod, partnerId, batchId, q, dateField (createdAt | paidAt: what from/to apply to), from, to, sort, pages. */
export const GET = listRoute(apiResources.payout, "List payouts (partners: their own)");
