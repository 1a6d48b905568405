import { randomUUID } from "node:crypto";
import { nextPayoutDate, PAYABLE_PARTNER_STATUSES } from "./eligibility";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { partners, payoutItems, payouts, rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent, recordEvents } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { conflict, invalidState, isUniqueViolation, notFound } from "@/lib/errors";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import type { Reward } from "@/lib/rewards/core";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import { payRewardsOfPayout, payoutPayload, type Payout } from "./pay";
import type { CreatePayoutBatchInput, MarkPayoutPaidInput } from "./schemas";

export type { Payout } from "./pay";
export type PayoutWithItems = Payout & { items: { rewardId: string; amountCents: number }[] };

export async function getPayoutById(db: DbOrTx, id: string): Promise<PayoutWithItems> {
  if (!isUuid(id)) throw notFound("Payout");
  const [p] = await db.select().from(payouts).where(eq(payouts.id, id));
  if (!p) throw notFound("Payout");
  const items = await db
    .select({ rewardId: payoutItems.rewardId, amountCents: payoutItems.amountCents })
    .from(payoutItems)
    .where(eq(payoutItems.payoutId, id));
  return { ...p, items };
}

async function lockPayout(tx: DbOrTx, id: string): Promise<Payout> {
  if (!isUuid(id)) throw notFound("Payout");
  const [p] = await tx.select().from(payouts).where(eq(payouts.id, id)).for("update");
  if (!p) throw notFound("Payout");
  return p;
}

/**
 * A payout batch: every APPROVED reward not yet in a payout (clawbacks netted), per partner and currency,
 * whose total reaches the minimum (the batch's, else the partner's, else the program's) → one PENDING
 * payout covering them. Suspended and terminated partners are left out. Locks the rewards it takes, so
 * two batches at once never take the same reward.
 */
export async function createPayoutBatch(
  db: DbOrTx,
  input: CreatePayoutBatchInput,
  actor: Actor,
  clock?: Clock,
): Promise<{ batchId: string; payouts: Payout[] }> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const s = await getSettings(tx);
    const candidates = await tx
      .select({
        id: rewards.id,
        partnerId: rewards.partnerId,
        amountCents: rewards.amountCents,
        currency: rewards.currency,
        partnerMin: partners.minimumPayoutCents,
      })
      .from(rewards)
      .innerJoin(partners, eq(partners.id, rewards.partnerId))
      .where(
        and(
          eq(rewards.status, "APPROVED"),
          isNull(rewards.payoutId),
          inArray(partners.status, [...PAYABLE_PARTNER_STATUSES]),
          input.partnerIds ? inArray(rewards.partnerId, input.partnerIds) : undefined,
        ),
      )
      .orderBy(rewards.partnerId, rewards.createdAt)
      .for("update", { of: rewards });
    const groups = new Map<string, typeof candidates>();
    for (const c of candidates) {
      const key = `${c.partnerId}:${c.currency}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const batchId = randomUUID();
    const chosen = [...groups.values()].filter((g) => {
      const total = g.reduce((a, r) => a + (r.amountCents ?? 0), 0);
      const min = input.minimumCents ?? g[0].partnerMin ?? s.minimumPayoutCents;
      return total > 0 && total >= min;
    });
    if (chosen.length === 0) return { batchId, payouts: [] };
    const created = await tx
      .insert(payouts)
      .values(
        chosen.map((g) => ({
          partnerId: g[0].partnerId,
          amountCents: g.reduce((a, r) => a + (r.amountCents ?? 0), 0),
          currency: g[0].currency,
          status: "PENDING" as const,
          rewardCount: g.length,
          batchId,
          createdBy: actor.id ?? actor.label ?? actor.type,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const items = chosen.flatMap((g, i) =>
      g.map((r) => ({ payoutId: created[i].id, rewardId: r.id, amountCents: r.amountCents ?? 0 })),
    );
    for (let i = 0; i < items.length; i += 2000) await tx.insert(payoutItems).values(items.slice(i, i + 2000));
    await tx.execute(sql`
      update rewards r set payout_id = pi.payout_id, updated_at = ${now.toISOString()}::timestamptz
      from payout_items pi join payouts p on p.id = pi.payout_id
      where pi.reward_id = r.id and p.batch_id = ${batchId}`);
    await recordEvents(
      tx,
      actor,
      created.map((p) => ({
        entityType: "payout" as const,
        entityId: p.id,
        action: "payout.created",
        toStatus: "PENDING",
        data: { batchId, amountCents: p.amountCents, rewardCount: p.rewardCount },
        at: now,
      })),
    );
    return { batchId, payouts: created };
  });
}

/** Records the bank's transaction id: payout → PAID with its rewards and their referrals. Same id replays. */
export async function markPayoutPaid(
  db: DbOrTx,
  id: string,
  input: MarkPayoutPaidInput,
  actor: Actor,
  clock?: Clock,
): Promise<{ payout: Payout; rewards: Reward[]; replayed: boolean }> {
  const now = nowOf(clock);
  try {
    return await db.transaction(async (tx) => {
      const before = await lockPayout(tx, id);
      if (
        before.status === "PAID" &&
        before.paymentMethod === input.paymentMethod &&
        before.transactionId === input.transactionId
      ) {
        return {
          payout: before,
          rewards: await tx.select().from(rewards).where(eq(rewards.payoutId, id)),
          replayed: true,
        };
      }
      if (before.status !== "PENDING") throw invalidState("Payout", before.status, "mark paid");
      const [payout] = await tx
        .update(payouts)
        .set({
          status: "PAID",
          paymentMethod: input.paymentMethod,
          transactionId: input.transactionId,
          paidAt: now,
          updatedAt: now,
        })
        .where(and(eq(payouts.id, id), eq(payouts.status, "PENDING")))
        .returning();
      const paid = await payRewardsOfPayout(tx, payout, actor, now);
      await recordEvent(tx, actor, {
        entityType: "payout",
        entityId: id,
        action: "payout.paid",
        fromStatus: "PENDING",
        toStatus: "PAID",
        data: { paymentMethod: input.paymentMethod, transactionId: input.transactionId, rewardCount: paid.length },
        at: now,
      });
      await enqueueWebhookEvent(tx, "payout.paid", payoutPayload(payout));
      return { payout, rewards: paid, replayed: false };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("This transaction id was already used for another payment");
    throw e;
  }
}

/** The bank refused it: payout → FAILED, its rewards leave it and wait APPROVED for the next batch (items are kept). */
export async function markPayoutFailed(
  db: DbOrTx,
  id: string,
  input: { reason: string },
  actor: Actor,
  clock?: Clock,
): Promise<Payout> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const before = await lockPayout(tx, id);
    if (before.status !== "PENDING") throw invalidState("Payout", before.status, "mark failed");
    const [payout] = await tx
      .update(payouts)
      .set({ status: "FAILED", failureReason: input.reason, failedAt: now, updatedAt: now })
      .where(and(eq(payouts.id, id), eq(payouts.status, "PENDING")))
      .returning();
    const released = await tx
      .update(rewards)
      .set({ payoutId: null, updatedAt: now })
      .where(and(eq(rewards.payoutId, id), eq(rewards.status, "APPROVED")))
      .returning({ id: rewards.id });
    await recordEvent(tx, actor, {
      entityType: "payout",
      entityId: id,
      action: "payout.failed",
      fromStatus: "PENDING",
      toStatus: "FAILED",
      data: { reason: input.reason, releasedRewards: released.length },
      at: now,
    });
    await enqueueWebhookEvent(tx, "payout.failed", { ...payoutPayload(payout), failureReason: payout.failureReason });
    return payout;
  });
}

export interface NextPayout {
  /** The next payout day (UTC date), today included when today is the payout day. */
  date: string;
  /** Approved rewards not yet in a payout (those in a pending payout are already on their way). */
  approvedCents: number;
  minimumCents: number;
  eligible: boolean;
  /** What the next payout will carry: the approved total when it reaches the minimum, else 0. */
  amountCents: number;
  currency: string;
}

/** CONTRACT: a partner's "next payout" = its approved total, when at least the minimum, on the next payout day. */
export async function nextPayout(db: DbOrTx, partnerId: string, now: Date = new Date()): Promise<NextPayout> {
  if (!isUuid(partnerId)) throw notFound("Partner");
  const [p] = await db
    .select({ currency: partners.currency, min: partners.minimumPayoutCents })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!p) throw notFound("Partner");
  const s = await getSettings(db);
  const [row] = rowsOf<{ total: string | number }>(
    await db.execute(
      sql`select coalesce(sum(amount_cents), 0) as total from rewards where partner_id = ${partnerId} and status = 'APPROVED' and payout_id is null`,
    ),
  );
  const approvedCents = Number(row?.total ?? 0);
  const minimumCents = p.min ?? s.minimumPayoutCents;
  const eligible = approvedCents >= minimumCents && approvedCents > 0;
  return {
    date: nextPayoutDate(now, s.payoutDayOfMonth),
    approvedCents,
    minimumCents,
    eligible,
    amountCents: eligible ? approvedCents : 0,
    currency: p.currency,
  };
}

/** Rewards that sit in a payout other than a FAILED one, by id (for callers that need to explain why). */
export async function rewardsInOpenPayouts(db: DbOrTx, rewardIds: string[]) {
  if (rewardIds.length === 0) return [];
  return db
    .select({ rewardId: payoutItems.rewardId, payoutId: payoutItems.payoutId })
    .from(payoutItems)
    .innerJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(inArray(payoutItems.rewardId, rewardIds), ne(payouts.status, "FAILED")));
}
