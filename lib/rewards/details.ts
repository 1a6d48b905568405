import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { patchDiff, recordPatch } from "@/lib/audit/patch";
import { nowOf, type Clock } from "@/lib/clock";
import { invalidState } from "@/lib/errors";
import { optionalText } from "@/lib/validation";
import { lockReward, type Reward } from "./core";

/** Statuses whose hold and description may still change: nothing approved, paid or cancelled is rewritten. */
const EDITABLE = ["PENDING", "CALCULATED"] as const;

/**
 * PATCH /rewards/{id} (admins): the description and the hold (e.g. extended while a chargeback is
 * investigated). A status never changes here; approve/cancel/process-payment do that.
 */
export const updateRewardSchema = z.strictObject({
  reason: optionalText(500).nullable().optional(),
  holdUntil: z.iso
    .datetime({ offset: true, error: () => "Must be an ISO date-time such as 2026-12-01T00:00:00Z" })
    .transform((s) => new Date(s))
    .nullable()
    .optional(),
});
export type UpdateRewardInput = z.infer<typeof updateRewardSchema>;

export async function updateRewardDetails(
  db: DbOrTx,
  id: string,
  patch: UpdateRewardInput,
  actor: Actor,
  clock?: Clock,
): Promise<Reward> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const before = await lockReward(tx, id);
    const diff = patchDiff(patch, before);
    if (diff.keys.length === 0) return before;
    if (!(EDITABLE as readonly string[]).includes(before.status))
      throw invalidState("Reward", before.status, "be edited");
    const [after] = await tx
      .update(rewards)
      .set({ ...diff.changes, updatedAt: now })
      .where(and(eq(rewards.id, id), inArray(rewards.status, [...EDITABLE])))
      .returning();
    if (!after) throw invalidState("Reward", before.status, "be edited");
    await recordPatch(tx, actor, { type: "reward", id }, diff, now);
    return after;
  });
}
