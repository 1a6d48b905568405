import { apiRoute, created } from "@/lib/api/handler";
import { scopeOf } from "@/lib/api/scope";
import { serializePage, serializePayout } from "@/lib/api/serializers";
import { listPayouts, payoutListSchema } from "@/lib/payouts/queries";
import { createPayoutBatchSchema } from "@/lib/payouts/schemas";
import { createPayoutBatch } from "@/lib/payouts/service";
import { batchJson, pageOf, payoutJson } from "@/lib/api/response-schemas";

/** Payouts (a partner sees its own) with status, paymentMethod, partnerId, batchId, q, dateField (createdAt | paidAt: what from/to apply to), from, to, sort, pages. */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "List payouts (partners: their own)", response: pageOf(payoutJson), successStatus: 200 },
    query: payoutListSchema,
  },
  async ({ db, principal, query }) => serializePage(await listPayouts(db, scopeOf(principal), query), serializePayout),
);

/**
 * A batch (admins): every partner's APPROVED rewards reaching the minimum → one PENDING payout each
 * (`{ partnerIds?, minimumCents? }`). 201 with the batch, or 200 with no payouts when nothing qualified.
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
    };
    return batch.payouts.length ? created(out) : out;
  },
);
