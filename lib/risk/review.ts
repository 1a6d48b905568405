import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { partners, payouts, referrals, rewards, riskSignals } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { AppError, invalidState, notFound } from "@/lib/errors";
import { enqueueWebhookEvent, enqueueWebhookEvents } from "@/lib/outbox/enqueue";
import { changePartnerStatus } from "@/lib/partners/service";
import { referralPayload } from "@/lib/referrals/core";
import { insertReward, moveReward, type Reward } from "@/lib/rewards/core";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import { riskRules } from "./rules";
import type { ReviewDecisionInput, ReviewDecisionResult } from "./schemas";

const OPEN_REWARD = ["PENDING", "CALCULATED", "APPROVED"] as const;
const LIVE_REFERRAL = ["PENDING", "ACCEPTED", "CONVERTED", "PAID"] as const;

/** Closes open signals matching `where` with the decision; returns how many. */
async function closeSignals(tx: DbOrTx, where: ReturnType<typeof and>, decision: string, now: Date) {
  const closed = await tx
    .update(riskSignals)
    .set({ status: "CLOSED", decision, decidedAt: now })
    .where(and(eq(riskSignals.status, "OPEN"), where))
    .returning({ id: riskSignals.id });
  return closed.length;
}

/**
 * Lifts the review hold of a partner's rewards (or one referral's) unless they still score at the threshold:
 * the referral's own open signals plus the partner's open partner-level ones.
 */
async function releaseHolds(tx: DbOrTx, partnerId: string, referralId: string | null, threshold: number) {
  const released = rowsOf<{ id: string }>(
    await tx.execute(sql`
      update rewards w set review_hold = false, updated_at = now()
      where w.partner_id = ${partnerId} and w.review_hold
        ${referralId ? sql`and w.referral_id = ${referralId}` : sql``}
        and (select coalesce(sum(s.weight), 0) from risk_signals s
             where s.status = 'OPEN' and s.partner_id = w.partner_id
               and (s.referral_id is null or s.referral_id = w.referral_id)) < ${threshold}
      returning w.id`),
  );
  return released.length;
}

/** Every open reward of the partner (not yet paid, not inside a payout) is held for review. */
async function holdPartnerRewards(tx: DbOrTx, partnerId: string, now: Date) {
  const held = await tx
    .update(rewards)
    .set({ reviewHold: true, updatedAt: now })
    .where(
      and(
        eq(rewards.partnerId, partnerId),
        inArray(rewards.status, [...OPEN_REWARD]),
        isNull(rewards.payoutId),
        eq(rewards.reviewHold, false),
      ),
    )
    .returning({ id: rewards.id });
  return held.length;
}

/** Confirmed fraud: open rewards cancelled, paid ones clawed back (a negative reward netted in the next batch). */
async function unwindRewards(tx: DbOrTx, referralId: string, reason: string, actor: Actor, now: Date) {
  const rows = await tx.select().from(rewards).where(eq(rewards.referralId, referralId)).for("update");
  let cancelled = 0;
  let clawbacks = 0;
  for (const r of rows) {
    if (r.type === "CLAWBACK" || r.status === "CANCELLED") continue;
    if (r.status === "PAID") {
      await insertReward(
        tx,
        actor,
        now,
        {
          partnerId: r.partnerId,
          referralId: null,
          type: "CLAWBACK",
          amountCents: -Math.abs(r.amountCents ?? 0),
          currency: r.currency,
          status: "CALCULATED",
          holdUntil: now,
          reason: `FRAUD on referral ${referralId}`,
          calculatedAt: now,
          createdBy: actor.id ?? actor.label ?? actor.type,
        },
        (claw) => ({ type: "CLAWBACK", amountCents: claw.amountCents, clawsBack: r.id, reason: "FRAUD" }),
      );
      clawbacks++;
      continue;
    }
    if (r.payoutId) {
      const [p] = await tx.select({ status: payouts.status }).from(payouts).where(eq(payouts.id, r.payoutId));
      if (p?.status === "PENDING")
        throw invalidState("Reward", "APPROVED in a pending payout", "cancel; mark the payout failed first");
    }
    await moveReward(tx, r as Reward, "CANCELLED", actor, now, {
      // The partner reads the cancel reason: the code only; the admin's words stay in the review's event.
      patch: { cancelReason: "FRAUD", reviewHold: false },
      data: { reason: "FRAUD" },
    });
    cancelled++;
  }
  return { cancelled, clawbacks };
}

/** The partner reads their status reason: a neutral sentence; the admin's reason is in the review's event. */
export const UNDER_REVIEW_REASON = "Your account is under review by the program team";

async function suspendForReview(tx: DbOrTx, partnerId: string, actor: Actor, now: Date) {
  const [p] = await tx.select({ status: partners.status }).from(partners).where(eq(partners.id, partnerId));
  if (p.status === "ACTIVE" || p.status === "INACTIVE")
    await changePartnerStatus(tx, partnerId, { status: "SUSPENDED", reason: UNDER_REVIEW_REASON }, actor, { now });
}

/**
 * A review decision on a referral (its id) or on a partner (its id, for partner-level signals), in one
 * transaction with its audit event and a `review.decided` webhook:
 * - CLEAR: the open signals close; held rewards go back to the normal approval flow (unless the partner is
 *   itself still under review);
 * - CONFIRM_FRAUD (referrals only): REJECTED with reason FRAUD, rewards cancelled, paid ones clawed back;
 * - ESCALATE: the partner is suspended with the reason, every open reward of theirs held, and a
 *   PARTNER_REVIEW signal opens on the partner.
 */
export async function decideReview(
  db: DbOrTx,
  id: string,
  input: ReviewDecisionInput,
  actor: Actor,
  clock?: Clock,
): Promise<ReviewDecisionResult> {
  if (actor.type !== "SYSTEM" && actor.role !== "ADMIN")
    throw new AppError("forbidden", "Only an admin decides reviews");
  if (!isUuid(id)) throw notFound("Review");
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const rules = riskRules((await getSettings(tx)).riskRules);
    const [referral] = await tx.select().from(referrals).where(eq(referrals.id, id)).for("update");
    const partnerId = referral?.partnerId ?? id;
    const [partner] = await tx.select().from(partners).where(eq(partners.id, partnerId));
    if (!partner) throw notFound("Review");
    const subject = referral ? ("referral" as const) : ("partner" as const);
    const own = referral
      ? eq(riskSignals.referralId, referral.id)
      : and(isNull(riskSignals.referralId), eq(riskSignals.partnerId, partnerId));
    const [open] = await tx
      .select({ id: riskSignals.id })
      .from(riskSignals)
      .where(and(eq(riskSignals.status, "OPEN"), own))
      .limit(1);
    if (!open) throw invalidState("Review", "without open signals", "decide");
    const out: ReviewDecisionResult = {
      subject,
      id,
      decision: input.decision,
      reason: input.reason,
      signalsClosed: 0,
      rewardsReleased: 0,
      rewardsHeld: 0,
      rewardsCancelled: 0,
      clawbacks: 0,
      referralStatus: referral?.status ?? null,
      partnerStatus: partner.status,
    };
    if (input.decision === "CLEAR") {
      out.signalsClosed = await closeSignals(tx, own, "CLEARED", now);
      out.rewardsReleased = await releaseHolds(tx, partnerId, referral?.id ?? null, rules.holdThreshold);
    } else if (input.decision === "CONFIRM_FRAUD") {
      if (!referral) throw invalidState("Review", "a partner review", "confirm fraud; decide on its referrals");
      out.signalsClosed = await closeSignals(tx, own, "FRAUD", now);
      const { cancelled, clawbacks } = await unwindRewards(tx, referral.id, input.reason, actor, now);
      out.rewardsCancelled = cancelled;
      out.clawbacks = clawbacks;
      if ((LIVE_REFERRAL as readonly string[]).includes(referral.status) || referral.rejectionReason !== "FRAUD") {
        const [rejected] = await tx
          .update(referrals)
          .set({ status: "REJECTED", rejectionReason: "FRAUD", rejectedAt: referral.rejectedAt ?? now, updatedAt: now })
          .where(and(eq(referrals.id, referral.id), eq(referrals.status, referral.status)))
          .returning();
        if (!rejected) throw invalidState("Referral", referral.status, "reject");
        await recordEvent(tx, actor, {
          entityType: "referral",
          entityId: referral.id,
          action: "referral.rejected",
          fromStatus: referral.status,
          toStatus: "REJECTED",
          data: { reason: "FRAUD" },
          at: now,
        });
        if (referral.status !== "REJECTED")
          await enqueueWebhookEvent(tx, "referral.rejected", referralPayload(rejected));
        out.referralStatus = "REJECTED";
      }
    } else {
      out.signalsClosed = await closeSignals(tx, own, "ESCALATED", now);
      await suspendForReview(tx, partnerId, actor, now);
      out.rewardsHeld = await holdPartnerRewards(tx, partnerId, now);
      await tx.insert(riskSignals).values({
        referralId: null,
        partnerId,
        kind: "PARTNER_REVIEW",
        weight: rules.weights.PARTNER_REVIEW,
        evidence: { escalatedFrom: subject === "referral" ? id : null, reason: input.reason },
        createdAt: now,
      });
      const [p] = await tx.select({ status: partners.status }).from(partners).where(eq(partners.id, partnerId));
      out.partnerStatus = p.status;
    }
    await recordEvent(tx, actor, {
      entityType: subject,
      entityId: id,
      action: "review.decided",
      // `decisionReason`, not `reason`: partner timelines show an event's `reason`, and never show reviews.
      data: { ...out, reason: undefined, decisionReason: input.reason },
      at: now,
    });
    await enqueueWebhookEvents(tx, [{ type: "review.decided", data: { ...out, decidedAt: now.toISOString() } }]);
    return out;
  });
}
