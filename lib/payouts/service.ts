import { randomUUID } from "node:crypto";
import { and, eq, gt, inArray, isNull, ne, not, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payoutAccounts, payoutConversions, payoutItems, payouts, rewards } from "@/db/schema";
import { findRates } from "@/lib/fx/rates";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent, recordEvents } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { conflict, invalidState, isUniqueViolation, notFound } from "@/lib/errors";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { reviewFreeSql, type Reward } from "@/lib/rewards/core";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import { taxPositions } from "@/lib/tax/totals";
import { convertPayout, type PayoutConversion } from "./conversion";
import { isPayoutDue, PAYABLE_PARTNER_STATUSES, payoutMinimumCents, taxHoldReason } from "./eligibility";
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

/** A partner a batch could not pay yet, with why (a missing exchange rate names its pair). */
export interface BlockedPayout {
  partnerId: string;
  currency: string;
  reason: string;
}

/**
 * A payout batch: every APPROVED reward not yet in a payout (clawbacks netted), per partner, in the
 * partner's payout currency (rewards in other currencies converted at the rate of the batch's day, once per
 * currency: docs/payouts.md#currencies), whose total reaches the minimum (the batch's, else the partner's,
 * else the program's) → one PENDING payout covering them. Suspended and terminated partners are left out,
 * and so are partners whose payout details changed within the cooling-off period (docs/payout-details.md);
 * a partner whose rewards need a rate that is missing is left out and reported in `blocked`. Locks the
 * rewards it takes, so two batches at once never take the same reward. Payouts held for tax
 * (`taxHoldReason`: a US partner with no W-9 whose year total would reach the 1099-NEC threshold) come back
 * in `held` with their reason. `opts.batchId` names the batch (the scheduled draft's id).
 */
export async function createPayoutBatch(
  db: DbOrTx,
  input: CreatePayoutBatchInput,
  actor: Actor,
  clock?: Clock,
  opts: { batchId?: string } = {},
): Promise<{
  batchId: string;
  payouts: Payout[];
  held: { partnerId: string; currency: string; reason: string }[];
  blocked: BlockedPayout[];
}> {
  const now = nowOf(clock);
  const day = now.toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const s = await getSettings(tx);
    const candidates = await tx
      .select({
        id: rewards.id,
        partnerId: rewards.partnerId,
        amountCents: rewards.amountCents,
        currency: rewards.currency,
        payoutCurrency: sql<string>`coalesce(${partners.payoutCurrency}, ${partners.currency})`,
        partnerMin: partners.minimumPayoutCents,
        partnerStatus: partners.status,
      })
      .from(rewards)
      .innerJoin(partners, eq(partners.id, rewards.partnerId))
      .leftJoin(payoutAccounts, eq(payoutAccounts.partnerId, rewards.partnerId))
      .where(
        and(
          eq(rewards.status, "APPROVED"),
          isNull(rewards.payoutId),
          reviewFreeSql(),
          inArray(partners.status, [...PAYABLE_PARTNER_STATUSES]),
          not(sql`coalesce(${gt(payoutAccounts.payoutsBlockedUntil, now)}, false)`),
          input.partnerIds ? inArray(rewards.partnerId, input.partnerIds) : undefined,
        ),
      )
      .orderBy(rewards.partnerId, rewards.createdAt)
      .for("update", { of: rewards });
    const groups = new Map<string, typeof candidates>();
    for (const c of candidates) groups.set(c.partnerId, [...(groups.get(c.partnerId) ?? []), c]);
    const rates = await findRates(
      tx,
      candidates.filter((c) => c.currency !== c.payoutCurrency).map((c) => `${c.currency}→${c.payoutCurrency}`),
      day,
    );
    const batchId = opts.batchId ?? randomUUID();
    const blocked: BlockedPayout[] = [];
    const due: { rows: typeof candidates; amountCents: number; conversions: PayoutConversion[] }[] = [];
    for (const g of groups.values()) {
      const to = g[0].payoutCurrency;
      const conv = convertPayout(
        g.map((r) => ({ currency: r.currency, amountCents: r.amountCents ?? 0 })),
        to,
        day,
        (from) => rates.get(`${from}→${to}`) ?? null,
      );
      if (!conv.ok) {
        blocked.push({ partnerId: g[0].partnerId, currency: to, reason: conv.reason });
        continue;
      }
      const isDue = isPayoutDue({
        partnerStatus: g[0].partnerStatus,
        amountCents: conv.amountCents,
        minimumCents: payoutMinimumCents({
          batch: input.minimumCents,
          partner: g[0].partnerMin,
          program: s.minimumPayoutCents,
        }),
      });
      if (isDue) due.push({ rows: g, amountCents: conv.amountCents, conversions: conv.conversions });
    }
    const tax = await taxPositions(
      tx,
      due.map((c) => c.rows[0].partnerId),
      now,
    );
    const held: { partnerId: string; currency: string; reason: string }[] = [];
    const chosen = due.filter((c) => {
      const reason = taxHoldReason({
        currency: c.rows[0].payoutCurrency,
        amountCents: c.amountCents,
        tax: tax.get(c.rows[0].partnerId),
        thresholdCents: s.form1099ThresholdCents,
      });
      if (reason) held.push({ partnerId: c.rows[0].partnerId, currency: c.rows[0].payoutCurrency, reason });
      return !reason;
    });
    if (chosen.length === 0) return { batchId, payouts: [], held, blocked };
    const created = await tx
      .insert(payouts)
      .values(
        chosen.map((c) => ({
          partnerId: c.rows[0].partnerId,
          amountCents: c.amountCents,
          currency: c.rows[0].payoutCurrency,
          status: "PENDING" as const,
          rewardCount: c.rows.length,
          batchId,
          createdBy: actor.id ?? actor.label ?? actor.type,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const items = chosen.flatMap((c, i) =>
      c.rows.map((r) => ({ payoutId: created[i].id, rewardId: r.id, amountCents: r.amountCents ?? 0 })),
    );
    for (let i = 0; i < items.length; i += 2000) await tx.insert(payoutItems).values(items.slice(i, i + 2000));
    const conversions = chosen.flatMap((c, i) => c.conversions.map((v) => ({ ...v, payoutId: created[i].id })));
    if (conversions.length) await tx.insert(payoutConversions).values(conversions);
    await tx.execute(sql`
      update rewards r set payout_id = pi.payout_id, updated_at = ${now.toISOString()}::timestamptz
      from payout_items pi join payouts p on p.id = pi.payout_id
      where pi.reward_id = r.id and p.batch_id = ${batchId}`);
    await recordEvents(
      tx,
      actor,
      created.map((p, i) => ({
        entityType: "payout" as const,
        entityId: p.id,
        action: "payout.created",
        toStatus: "PENDING",
        data: {
          batchId,
          amountCents: p.amountCents,
          currency: p.currency,
          rewardCount: p.rewardCount,
          ...(chosen[i].conversions.length ? { conversions: chosen[i].conversions } : {}),
        },
        at: now,
      })),
    );
    return { batchId, payouts: created, held, blocked };
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

/** Rewards that sit in a payout other than a FAILED one, by id (for callers that need to explain why). */
export async function rewardsInOpenPayouts(db: DbOrTx, rewardIds: string[]) {
  if (rewardIds.length === 0) return [];
  return db
    .select({ rewardId: payoutItems.rewardId, payoutId: payoutItems.payoutId })
    .from(payoutItems)
    .innerJoin(payouts, eq(payouts.id, payoutItems.payoutId))
    .where(and(inArray(payoutItems.rewardId, rewardIds), ne(payouts.status, "FAILED")));
}
