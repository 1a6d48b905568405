import type { Db } from "@/db";
import type { Actor } from "@/lib/audit/actor";
import { processPaymentSchema, type ProcessPaymentInput } from "@/lib/rewards/schemas";
import { processPayment } from "@/lib/rewards/service";
import { created } from "./handler";
import { uuid } from "./schemas";
import { serializePayout, serializeReward } from "./serializers";

/** The seed's id-less `POST /rewards/process-payment`: the reward id travels in the body. */
export const processPaymentByBodySchema = processPaymentSchema.extend({ rewardId: uuid() });

/**
 * `{ reward, payout }`: 201 when this call paid the reward (a one-reward payout was created), 200 when the
 * same transaction id replays an earlier payment; a transaction id used elsewhere is a 409.
 */
export async function paymentResponse(db: Db, rewardId: string, input: ProcessPaymentInput, actor: Actor) {
  const out = await processPayment(db, rewardId, input, actor);
  const body = {
    reward: serializeReward(out.reward),
    payout: serializePayout({ ...out.payout, rewardIds: [out.reward.id] }),
  };
  return out.replayed ? body : created(body);
}
