import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rewards } from "@/db/schema";
import { getSettings } from "@/lib/settings";
import { riskRules } from "./rules";
import { scoreOf } from "./signals";

/** What a partner reads about a review: one neutral sentence, never the signals or their evidence. */
export const UNDER_REVIEW_MESSAGE =
  "Under review: our team is checking this referral before its commission can be approved. Nothing is needed from you.";

export const UNDER_REVIEW_REWARD = "Under review by our team before it can be approved.";

/**
 * Whether a partner's referral is under review: one of its rewards is held for review, or its open signals
 * reach the hold threshold. A yes or no only: the score and the signals stay with the program.
 */
export async function referralUnderReview(
  db: DbOrTx,
  referral: { id: string; partnerId: string; status: string },
): Promise<boolean> {
  if (referral.status === "REJECTED" || referral.status === "EXPIRED") return false;
  const [held] = await db
    .select({ id: rewards.id })
    .from(rewards)
    .where(
      and(
        eq(rewards.referralId, referral.id),
        eq(rewards.reviewHold, true),
        inArray(rewards.status, ["PENDING", "CALCULATED", "APPROVED"]),
      ),
    )
    .limit(1);
  if (held) return true;
  const [s, score] = await Promise.all([getSettings(db), scoreOf(db, referral.id, referral.partnerId)]);
  return score >= riskRules(s.riskRules).holdThreshold;
}
