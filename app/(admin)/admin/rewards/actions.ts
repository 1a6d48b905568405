"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/lib/actions/safe-action";
import { approvalQueueIds } from "@/lib/admin/approval-queue";
import { centsFromText } from "@/lib/admin/form-values";
import { approveReward, bulkApproveRewards, cancelReward, createManualReward } from "@/lib/rewards/service";

const reason = z.string().trim().min(1, "A reason is required").max(500);
const override = { override: z.literal(true).optional(), reason: reason.optional() };
const MATCH_CAP = 10_000;

export const approveRewardAction = adminAction(z.object({ id: z.uuid(), ...override }).strict(), async ({ id, override, reason }, { actor }) => {
  const r = await approveReward(await getDb(), actor, id, override ? { override: true, reason } : {});
  return { id: r.id, status: r.status };
});

/** One chunk of a bulk approval (≤ 1,000 ids): a result per id. */
export const bulkApproveAction = adminAction(
  z.object({ rewardIds: z.array(z.uuid()).min(1).max(1000), ...override }).strict(),
  async ({ rewardIds, override, reason }, { actor }) => {
    const res = await bulkApproveRewards(await getDb(), actor, { rewardIds, ...(override ? { override: true, reason } : {}) });
    return { results: res.results };
  },
);

/** Ids matching the queue filter, oldest first, at most 10,000 per call; `more` when the cap was hit. */
export const matchingRewardIds = adminAction(z.object({ filter: z.record(z.string(), z.string()) }).strict(), async ({ filter }) => {
  const ids = await approvalQueueIds(await getDb(), filter, MATCH_CAP);
  return { ids, more: ids.length === MATCH_CAP };
});

export const cancelRewardAction = adminAction(z.object({ id: z.uuid(), reason }).strict(), async ({ id, reason }, { actor }) => {
  const r = await cancelReward(await getDb(), actor, id, { reason });
  return { id: r.id, status: r.status };
});

export const createManualRewardAction = adminAction(
  z.object({ partnerId: z.uuid("Choose a partner"), type: z.enum(["BONUS", "ADJUSTMENT", "CLAWBACK"]), amount: z.string(), reason }).strict(),
  async ({ partnerId, type, amount, reason }, { actor }) => {
    const r = await createManualReward(await getDb(), actor, { partnerId, type, amountCents: centsFromText(amount), reason });
    return { id: r.id };
  },
);
