import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { referrals, REFERRAL_SOURCES } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { patchDiff, recordPatch } from "@/lib/audit/patch";
import { nowOf, type Clock } from "@/lib/clock";
import { enumInput, optionalMultilineText, optionalText } from "@/lib/validation";
import { lockReferral, type Referral } from "./core";

const text = (max: number) => optionalText(max).nullable();

/**
 * PATCH /referrals/{id}: descriptive fields only. A status never changes here (statuses move only
 * through the action endpoints, docs/api.md#status-changes), so `status` and every other field is refused as unknown.
 */
export const updateReferralSchema = z.strictObject({
  notes: optionalMultilineText(2000).nullable().optional(),
  source: enumInput(REFERRAL_SOURCES).optional(),
  subId: text(200).optional(),
  utmSource: text(200).optional(),
  utmMedium: text(200).optional(),
  utmCampaign: text(200).optional(),
  utmTerm: text(200).optional(),
  utmContent: text(200).optional(),
});
export type UpdateReferralInput = z.infer<typeof updateReferralSchema>;

/** Changes a referral's descriptive fields under its row lock, with a `referral.updated` event of before/after. */
export async function updateReferralDetails(
  db: DbOrTx,
  id: string,
  patch: UpdateReferralInput,
  actor: Actor,
  clock?: Clock,
): Promise<Referral> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const before = await lockReferral(tx, id);
    const diff = patchDiff(patch, before, (k) => patch[k] !== before[k]);
    if (diff.keys.length === 0) return before;
    const [after] = await tx
      .update(referrals)
      .set({ ...diff.changes, updatedAt: now })
      .where(eq(referrals.id, id))
      .returning();
    await recordPatch(tx, actor, { type: "referral", id }, diff, now);
    return after;
  });
}
