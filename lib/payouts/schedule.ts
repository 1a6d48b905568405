import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { payoutBatches, payouts } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { AppError, invalidState, notFound } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import { createPayoutBatch } from "./service";

export type PayoutBatchRow = typeof payoutBatches.$inferSelect;

/** The approval row of a batch; null for a batch created by hand (approved by its creator) or no batch. */
export async function getBatchApproval(db: DbOrTx, batchId: string): Promise<PayoutBatchRow | null> {
  if (!isUuid(batchId)) return null;
  const [b] = await db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
  return b ?? null;
}

/** Refuses (409) a batch drafted by the job that no admin approved yet: nothing leaves for the bank before. */
export async function assertBatchApproved(db: DbOrTx, batchId: string): Promise<void> {
  const b = await getBatchApproval(db, batchId);
  if (b?.status === "DRAFT")
    throw new AppError(
      "conflict",
      `This batch was drafted automatically for ${b.payoutDay} and waits for an admin's approval: approve it before generating its files.`,
      { extra: { batchStatus: "DRAFT" } },
    );
}

/**
 * The scheduled-batches job (docs/payouts.md#scheduled-batches): when the program drafts batches (setting
 * `payoutSchedule` AUTO) and today (UTC) is the payout day, drafts the day's batch of every payout due, as
 * a DRAFT for an admin to approve. Idempotent per payout day: the batch row's unique key on the day is
 * written first in the same transaction, so a second run, or another instance at the same moment, finds
 * the day taken and drafts nothing.
 */
export async function draftScheduledBatch(
  db: DbOrTx,
  actor: Actor,
  clock?: Clock,
): Promise<{ drafted: boolean; reason?: string; batchId?: string; payouts?: number; held?: number }> {
  const now = nowOf(clock);
  const s = await getSettings(db);
  if (s.payoutSchedule !== "AUTO") return { drafted: false, reason: "manual schedule" };
  if (now.getUTCDate() !== s.payoutDayOfMonth) return { drafted: false, reason: "not the payout day" };
  const payoutDay = now.toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payoutBatches)
      .values({ id: randomUUID(), payoutDay, status: "DRAFT", createdAt: now })
      .onConflictDoNothing({ target: payoutBatches.payoutDay })
      .returning();
    if (!row) return { drafted: false, reason: `already drafted for ${payoutDay}` };
    const batch = await createPayoutBatch(tx, {}, actor, { now }, { batchId: row.id });
    await recordEvent(tx, actor, {
      entityType: "payout_batch",
      entityId: row.id,
      action: "payout_batch.drafted",
      toStatus: "DRAFT",
      data: { payoutDay, payoutCount: batch.payouts.length, held: batch.held.length },
      at: now,
    });
    return { drafted: true, batchId: row.id, payouts: batch.payouts.length, held: batch.held.length };
  });
}

/** An admin approves a drafted batch: DRAFT → APPROVED in one guarded statement, audited. Files may follow. */
export async function approveBatch(
  db: DbOrTx,
  batchId: string,
  actor: Actor,
  clock?: Clock,
): Promise<PayoutBatchRow & { payoutCount: number }> {
  if (!isUuid(batchId)) throw notFound("Payout batch");
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(payoutBatches)
      .set({ status: "APPROVED", approvedAt: now, approvedBy: actor.id ?? actor.label ?? actor.type })
      .where(and(eq(payoutBatches.id, batchId), eq(payoutBatches.status, "DRAFT")))
      .returning();
    if (!row) {
      const existing = await getBatchApproval(tx, batchId);
      if (existing) throw invalidState("Payout batch", existing.status, "approve");
      const [one] = await tx.select({ id: payouts.id }).from(payouts).where(eq(payouts.batchId, batchId)).limit(1);
      if (!one) throw notFound("Payout batch");
      throw invalidState("Payout batch", "APPROVED", "approve");
    }
    const members = await tx.select({ id: payouts.id }).from(payouts).where(eq(payouts.batchId, batchId));
    await recordEvent(tx, actor, {
      entityType: "payout_batch",
      entityId: batchId,
      action: "payout_batch.approved",
      fromStatus: "DRAFT",
      toStatus: "APPROVED",
      data: { payoutDay: row.payoutDay, payoutCount: members.length },
      at: now,
    });
    return { ...row, payoutCount: members.length };
  });
}

/** Drafted batches waiting for approval, newest first, with their payout count and total (for /admin/payouts). */
export async function draftBatches(db: DbOrTx) {
  return db
    .select({
      id: payoutBatches.id,
      payoutDay: payoutBatches.payoutDay,
      createdAt: payoutBatches.createdAt,
      payoutCount: sql<number>`count(${payouts.id})`.mapWith(Number),
      totalCents: sql<number>`coalesce(sum(${payouts.amountCents}), 0)`.mapWith(Number),
    })
    .from(payoutBatches)
    .leftJoin(payouts, eq(payouts.batchId, payoutBatches.id))
    .where(eq(payoutBatches.status, "DRAFT"))
    .groupBy(payoutBatches.id)
    .orderBy(desc(payoutBatches.payoutDay))
    .limit(20);
}
