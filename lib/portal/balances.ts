import type { DbOrTx } from "@/db";
import { REWARD_STATUSES, type RewardStatus } from "@/db/schema/enums";
import { readRollups } from "@/lib/analytics/source";
import type { RewardTotals } from "@/lib/rewards/queries";

/** Every day a reward can carry: the rollups are keyed by the reward's creation day. */
const ALL_TIME = { from: "1970-01-01", to: "9999-12-31" };

/**
 * A partner's rewards by current status over all time (count and amount), from the daily rollups
 * (rollup rows plus unfolded deltas: exact, and proved equal to the raw rows by the analytics checks).
 * Same shape as `rewardTotals`, but reads a few thousand rollup rows instead of every reward row,
 * which keeps the dashboard fast for partners with tens of thousands of rewards.
 */
export async function partnerRewardBalances(db: DbOrTx, partnerId: string): Promise<RewardTotals> {
  const rows = await readRollups(db, { metrics: ["rewards"], period: ALL_TIME, partnerId });
  const out = Object.fromEntries(REWARD_STATUSES.map((s) => [s, { count: 0, amountCents: 0 }])) as RewardTotals;
  for (const r of rows) {
    const t = out[r.status as RewardStatus];
    if (!t) continue;
    t.count += r.count;
    t.amountCents += r.amountCents;
  }
  return out;
}
