import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rewards } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { dueSql } from "@/lib/rewards/core";
import { autoApproveDueRewards } from "@/lib/rewards/service";
import { getSettings } from "@/lib/settings";

/**
 * Rewards whose hold has passed become approvable. When the program auto-approves
 * (settings.autoApproveRewards) the engine approves them here; otherwise they wait in the admin's
 * approval queue, and the job reports how many are waiting.
 */
export async function releaseHeldRewards(
  db: DbOrTx,
  now: Date,
): Promise<{ autoApprove: boolean; approved: number; awaitingApproval: number }> {
  const { autoApproveRewards } = await getSettings(db);
  const approved = autoApproveRewards ? await autoApproveDueRewards(db, now, systemActor("release-rewards")) : 0;
  const [{ n }] = await db
    .select({ n: count() })
    .from(rewards)
    .where(and(eq(rewards.status, "CALCULATED"), dueSql(now)));
  return { autoApprove: autoApproveRewards, approved, awaitingApproval: n };
}
