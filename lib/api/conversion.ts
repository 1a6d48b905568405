import { z } from "zod";
import type { Db } from "@/db";
import type { Actor } from "@/lib/audit/actor";
import { processConversionSchema } from "@/lib/referrals/schemas";
import { processConversion } from "@/lib/referrals/service";
import { created } from "./handler";
import { uuid } from "./schemas";
import { serializeReferral, serializeReward } from "./serializers";

/** The seed's id-less `POST /referrals/process-conversion`: the referral id travels in the body. */
export const processConversionByBodySchema = processConversionSchema.extend({ referralId: uuid() });

/**
 * `{ referral, reward }`: 201 when this call converted the referral, 200 when it replays an earlier
 * conversion with the same value (CONTRACT); a different value is a 409 from the engine.
 */
export async function conversionResponse(
  db: Db,
  referralId: string,
  value: z.infer<typeof processConversionSchema>,
  actor: Actor,
) {
  const out = await processConversion(db, referralId, value, actor);
  const body = { referral: serializeReferral(out.referral), reward: serializeReward(out.reward) };
  return out.created ? created(body) : body;
}
