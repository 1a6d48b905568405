import "server-only";
import { getPartner, listPartners, partnerListSchema } from "@/lib/partners/queries";
import { getPayout, listPayouts, payoutListSchema } from "@/lib/payouts/queries";
import { getReferral, listReferrals, referralListSchema } from "@/lib/referrals/queries";
import { getReward, listRewards, rewardListSchema } from "@/lib/rewards/queries";
import { apiResource } from "./doors";
import { partnerJson, payoutJson, referralJson, rewardJson } from "./response-schemas";
import { serializePartner, serializePayout, serializeReferral, serializeReward } from "./serializers";

/**
 * Each resource's reads as the API's read doors use them (lib/api/doors.ts), declared once:
 * name (for a 404), JSON schema of one, get by id, list, list query, serializer.
 */
export const apiResources = {
  partner: apiResource("Partner", partnerJson, getPartner, listPartners, partnerListSchema, serializePartner),
  referral: apiResource("Referral", referralJson, getReferral, listReferrals, referralListSchema, serializeReferral),
  reward: apiResource("Reward", rewardJson, getReward, listRewards, rewardListSchema, serializeReward),
  payout: apiResource("Payout", payoutJson, getPayout, listPayouts, payoutListSchema, serializePayout),
};
