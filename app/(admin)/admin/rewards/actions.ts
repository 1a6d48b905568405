"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { approvalQueueIds } from "@/lib/rewards/approval-queue";
import { centsFromText } from "@/lib/form-values";
import { manualRewardSchema } from "@/lib/rewards/schemas";
import { approveReward, bulkApproveRewards, cancelReward, createManualReward } from "@/lib/rewards/service";

const reason = z.string().trim().min(1, "A reason is required").max(500);
const override = { override: z.literal(true).optional(), reason: reason.optional() };
const MATCH_CAP = 10_000;

export const approveRewardAction = adminAction(
  z.object({ id: z.uuid(), ...override }).strict(),
  async ({ id, override, reason }, { db, actor }) => {
    const r = await approveReward(db, id, override ? { override: true, reason } : {}, actor);
    return { id: r.id, status: r.status };
  },
);

/** One chunk of a bulk approval (≤ 1,000 ids): a result per id, approved or skipped with why. */
export const bulkApproveAction = adminAction(
  z.object({ rewardIds: z.array(z.uuid()).min(1).max(1000), ...override }).strict(),
  async ({ rewardIds, override, reason }, { db, actor }) => {
    const res = await bulkApproveRewards(db, { rewardIds }, override ? { override: true, reason } : {}, actor);
    if (!("results" in res)) throw new Error("bulk approval by ids answered with counts");
    return { results: res.results };
  },
);

/**
 * Ids matching the queue filter, oldest first, at most 10,000 per call (`more` when capped). The
 * UI approves exactly these ids in chunks, so a reward that arrives meanwhile is never swept in unseen.
 */
export const matchingRewardIds = adminAction(
  z.object({ filter: z.record(z.string(), z.string()) }).strict(),
  async ({ filter }, { db }) => {
    const ids = await approvalQueueIds(db, filter, MATCH_CAP);
    return { ids, more: ids.length === MATCH_CAP };
  },
);

export const cancelRewardAction = adminAction(
  z.object({ id: z.uuid(), reason }).strict(),
  async ({ id, reason }, { db, actor }) => {
    const r = await cancelReward(db, id, { reason }, actor);
    return { id: r.id, status: r.status };
  },
);

export const createManualRewardAction = adminAction(
  z
    .object({
      partnerId: z.string(),
      type: z.enum(["BONUS", "ADJUSTMENT", "CLAWBACK"]),
      amount: z.string(),
      reason: z.string(),
    })
    .strict(),
  async ({ partnerId, type, amount, reason }, { db, actor }) => {
    const input = manualRewardSchema.parse({ partnerId, type, amountCents: centsFromText(amount), reason });
    const r = await createManualReward(db, input, actor);
    return { id: r.id };
  },
);
