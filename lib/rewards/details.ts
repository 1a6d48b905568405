import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
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
    const keys = (Object.keys(patch) as (keyof UpdateRewardInput)[]).filter((k) => patch[k] !== undefined);
    if (keys.length === 0) return before;
    if (!(EDITABLE as readonly string[]).includes(before.status))
      throw invalidState("Reward", before.status, "be edited");
    const changes = Object.fromEntries(keys.map((k) => [k, patch[k]]));
    const [after] = await tx
      .update(rewards)
      .set({ ...changes, updatedAt: now })
      .where(and(eq(rewards.id, id), inArray(rewards.status, [...EDITABLE])))
      .returning();
    if (!after) throw invalidState("Reward", before.status, "be edited");
    await recordEvent(tx, actor, {
      entityType: "reward",
      entityId: id,
      action: "reward.updated",
      before: Object.fromEntries(keys.map((k) => [k, before[k]])),
      after: changes,
      at: now,
    });
    return after;
  });
}
