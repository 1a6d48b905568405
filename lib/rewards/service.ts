import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payouts, rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvents } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { AppError, invalidState, notFound } from "@/lib/errors";
import { enqueueWebhookEvents } from "@/lib/outbox/enqueue";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import {
  dueSql,
  heldError,
  heldSql,
  isHeld,
  isReviewHeld,
  lockReward,
  moveReward,
  reviewFreeSql,
  reviewHeldError,
  rewardPayload,
  insertReward,
  type Reward,
} from "./core";
import { rewardFilterNeedsJoin, rewardWhere, withRewardFilterJoins, type RewardFilter } from "./queries";
import { MAX_BULK_FILTER, type ApproveRewardInput, type ManualRewardInput } from "./schemas";

export type { Reward } from "./core";
export { processPayment } from "./payment";

const actorName = (a: Actor) => a.id ?? a.label ?? a.type;

/** An override lifts the time hold only; a review hold stays until a review decision. */
function holdGuard(now: Date, override: boolean): SQL {
  return override ? reviewFreeSql() : dueSql(now);
}

export async function getRewardById(db: DbOrTx, id: string): Promise<Reward> {
  if (!isUuid(id)) throw notFound("Reward");
  const [r] = await db.select().from(rewards).where(eq(rewards.id, id));
  if (!r) throw notFound("Reward");
  return r;
}

/** CALCULATED → APPROVED once the hold has passed, or earlier by an admin override with a reason (recorded). */
export async function approveReward(
  db: DbOrTx,
  id: string,
  input: ApproveRewardInput,
  actor: Actor,
  clock?: Clock,
): Promise<Reward> {
  if (input.override && !input.reason)
    throw new AppError("validation", "An override needs a reason", {
      errors: [{ path: "reason", message: "Required with override" }],
    });
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const r = await lockReward(tx, id);
    if (r.status !== "CALCULATED") throw invalidState("Reward", r.status, "approve");
    if (isReviewHeld(r)) throw reviewHeldError(r);
    const held = isHeld(r, now);
    if (held && !input.override) throw heldError(r);
    return moveReward(tx, r, "APPROVED", actor, now, {
      patch: { approvedBy: actorName(actor), approvalOverrideReason: held ? input.reason : null },
      data: held ? { override: true, reason: input.reason } : undefined,
    });
  });
}

/** Events and webhooks for rewards approved in bulk, in chunks that stay under the bind-parameter limit. */
async function recordApprovals(tx: DbOrTx, approved: Reward[], actor: Actor, now: Date, overrideReason: string | null) {
  for (let i = 0; i < approved.length; i += 1000) {
    const chunk = approved.slice(i, i + 1000);
    await recordEvents(
      tx,
      actor,
      chunk.map((r) => ({
        entityType: "reward" as const,
        entityId: r.id,
        action: "reward.approved",
        fromStatus: "CALCULATED",
        toStatus: "APPROVED",
        data: r.approvalOverrideReason ? { override: true, reason: overrideReason, bulk: true } : { bulk: true },
        at: now,
      })),
    );
    await enqueueWebhookEvents(
      tx,
      chunk.map((r) => ({ type: "reward.approved" as const, data: rewardPayload(r) })),
    );
  }
}

function approvalSet(now: Date, actor: Actor, override: boolean, reason: string | undefined) {
  return {
    status: "APPROVED" as const,
    approvedAt: now,
    approvedBy: actorName(actor),
    updatedAt: now,
    // Only rewards still on hold record the override reason: the others did not need it.
    approvalOverrideReason: override && reason ? sql`case when ${heldSql(now)} then ${reason} else null end` : null,
  };
}

/**
 * The rows GET /rewards returns for the filter (same where-clause builder, admin scope), as a condition
 * on `rewards` alone: `q` also searches the partner and the referral code, so it goes through a subquery
 * with the list's joins and the UPDATE and its row locks stay on `rewards`.
 */
function matchingFilter(tx: DbOrTx, filter: Partial<RewardFilter>): SQL | undefined {
  const where = rewardWhere({}, filter);
  if (!rewardFilterNeedsJoin(filter)) return where;
  return inArray(
    rewards.id,
    withRewardFilterJoins(tx.select({ id: rewards.id }).from(rewards).$dynamic(), filter).where(where),
  );
}

export type BulkIdResult = { id: string; result: "approved" | "skipped"; reason?: string };

/**
 * Bulk approval: `{ rewardIds }` (≤1,000) → one result per id; `{ filter }` (the GET /rewards filters)
 * → approves up to 10,000 matching rewards per call and answers `{ approved, skipped, remaining }`, where
 * skipped = matching rewards that cannot be approved (not CALCULATED, or on hold without override) and
 * remaining = approvable matches left for the next call. One guarded UPDATE each, not a loop.
 */
export async function bulkApproveRewards(
  db: DbOrTx,
  target: { rewardIds: string[] } | { filter: Partial<RewardFilter> },
  opts: { override?: boolean; reason?: string },
  actor: Actor,
  clock?: Clock,
): Promise<{ results: BulkIdResult[] } | { approved: number; skipped: number; remaining: number }> {
  const override = !!opts.override;
  if (override && !opts.reason)
    throw new AppError("validation", "An override needs a reason", {
      errors: [{ path: "reason", message: "Required with override" }],
    });
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    if ("rewardIds" in target) {
      const ids = [...new Set(target.rewardIds)];
      const valid = ids.filter(isUuid);
      const approved = valid.length
        ? await tx
            .update(rewards)
            .set(approvalSet(now, actor, override, opts.reason))
            .where(and(inArray(rewards.id, valid), eq(rewards.status, "CALCULATED"), holdGuard(now, override)))
            .returning()
        : [];
      await recordApprovals(tx, approved, actor, now, opts.reason ?? null);
      const done = new Set(approved.map((r) => r.id));
      const rest = valid.filter((id) => !done.has(id));
      const found = rest.length
        ? await tx
            .select({ id: rewards.id, status: rewards.status, reviewHold: rewards.reviewHold })
            .from(rewards)
            .where(inArray(rewards.id, rest))
        : [];
      const byId = new Map(found.map((r) => [r.id, r]));
      return {
        results: ids.map((id): BulkIdResult => {
          if (done.has(id)) return { id, result: "approved" };
          const r = byId.get(id);
          if (!r) return { id, result: "skipped", reason: "NOT_FOUND" };
          if (r.status !== "CALCULATED") return { id, result: "skipped", reason: `STATUS_${r.status}` };
          if (r.reviewHold) return { id, result: "skipped", reason: "UNDER_REVIEW" };
          return { id, result: "skipped", reason: "ON_HOLD" };
        }),
      };
    }
    const where = matchingFilter(tx, target.filter);
    const approvable = and(where, eq(rewards.status, "CALCULATED"), holdGuard(now, override));
    const batch = tx
      .select({ id: rewards.id })
      .from(rewards)
      .where(approvable)
      .orderBy(asc(rewards.createdAt), asc(rewards.id))
      .limit(MAX_BULK_FILTER)
      .for("update", { skipLocked: true });
    const approved = await tx
      .update(rewards)
      .set(approvalSet(now, actor, override, opts.reason))
      .where(and(inArray(rewards.id, batch), eq(rewards.status, "CALCULATED")))
      .returning();
    await recordApprovals(tx, approved, actor, now, opts.reason ?? null);
    const [{ remaining }] = await tx.select({ remaining: count() }).from(rewards).where(approvable);
    const [{ matching }] = await tx.select({ matching: count() }).from(rewards).where(where);
    // After the update the approved rows match the filter only if it allows APPROVED; count them out.
    const approvedStillMatching =
      target.filter.status?.length && !target.filter.status.includes("APPROVED") ? 0 : approved.length;
    return { approved: approved.length, skipped: matching - remaining - approvedStillMatching, remaining };
  });
}

/** PENDING / CALCULATED / APPROVED → CANCELLED with a reason; not while the reward sits in a pending payout. */
export async function cancelReward(
  db: DbOrTx,
  id: string,
  input: { reason: string },
  actor: Actor,
  clock?: Clock,
): Promise<Reward> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const r = await lockReward(tx, id);
    if (r.payoutId && r.status === "APPROVED") {
      const [p] = await tx.select({ status: payouts.status }).from(payouts).where(eq(payouts.id, r.payoutId));
      if (p?.status === "PENDING")
        throw invalidState("Reward", "APPROVED in a pending payout", "cancel; mark the payout failed first");
    }
    return moveReward(tx, r, "CANCELLED", actor, now, {
      patch: { cancelReason: input.reason },
      data: { reason: input.reason },
    });
  });
}

/**
 * Bonus, adjustment or clawback (stored negative) by an admin, with a reason; ready for approval at once.
 * Refused for a terminated partner (400 on `partnerId`), whichever door asks.
 */
export async function createManualReward(
  db: DbOrTx,
  input: ManualRewardInput,
  actor: Actor,
  clock?: Clock,
): Promise<Reward> {
  if (actor.type !== "SYSTEM" && actor.role !== "ADMIN")
    throw new AppError("forbidden", "Only an admin can create manual rewards");
  if (input.type !== "CLAWBACK" && input.amountCents < 0)
    throw new AppError("validation", "Negative amounts are clawbacks", {
      errors: [{ path: "amountCents", message: "Use type CLAWBACK for negative amounts" }],
    });
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const [p] = await tx
      .select({ id: partners.id, currency: partners.currency, status: partners.status })
      .from(partners)
      .where(eq(partners.id, input.partnerId))
      .for("share");
    if (!p)
      throw new AppError("validation", "No partner with this id", {
        errors: [{ path: "partnerId", message: "No partner with this id" }],
      });
    // A terminated partnership is over: nothing more is earned (clawbacks included; cancel a reward instead).
    if (p.status === "TERMINATED")
      throw new AppError("validation", "This partner is terminated", {
        errors: [{ path: "partnerId", message: "This partner is terminated: no new rewards" }],
      });
    const amountCents = input.type === "CLAWBACK" ? -Math.abs(input.amountCents) : input.amountCents;
    return insertReward(
      tx,
      actor,
      now,
      {
        partnerId: p.id,
        referralId: input.referralId ?? null,
        type: input.type,
        amountCents,
        currency: p.currency,
        status: "CALCULATED",
        holdUntil: now,
        reason: input.reason,
        calculatedAt: now,
        createdBy: actorName(actor),
      },
      { type: input.type, amountCents, reason: input.reason },
    );
  });
}

/** For the jobs: when the program auto-approves, every CALCULATED reward past its hold is approved. */
export async function autoApproveDueRewards(db: DbOrTx, now: Date, actor: Actor): Promise<number> {
  const s = await getSettings(db);
  if (!s.autoApproveRewards) return 0;
  let total = 0;
  for (;;) {
    const r = (await bulkApproveRewards(db, { filter: { status: ["CALCULATED"] } }, {}, actor, { now })) as {
      approved: number;
      remaining: number;
    };
    total += r.approved;
    if (r.remaining === 0 || r.approved === 0) return total;
  }
}
