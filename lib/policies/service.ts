import { and, desc, eq, inArray, lte } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { leads, policyEvents, referrals, rewards } from "@/db/schema";
import type { PolicyOutcome } from "@/db/schema/policies";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { calculate } from "@/lib/commissions/calculate";
import { loadCalculationInput } from "@/lib/commissions/resolve";
import { policyWindowFor, policyWindows } from "@/lib/compliance/policy-windows";
import { AppError, conflict, notFound } from "@/lib/errors";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { insertReward, moveReward, type Reward } from "@/lib/rewards/core";
import { holdFor } from "@/lib/rewards/hold";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import type { PolicyEventInput } from "./schemas";
import { dateOf, daysBetween, takeBack, type DateOnly } from "./takeback";

export type PolicyEvent = typeof policyEvents.$inferSelect;
type Referral = typeof referrals.$inferSelect;
type Lead = typeof leads.$inferSelect;

const DEFAULT_TERM_DAYS = 365;
const HOOK = { ISSUED: "policy.issued", CANCELLED: "policy.cancelled", RENEWED: "policy.renewed" } as const;

interface Ctx {
  tx: DbOrTx;
  lead: Lead;
  referral: Referral | undefined;
  input: PolicyEventInput;
  eventId: string;
  actor: Actor;
  now: Date;
}

const outcome = (o: Partial<PolicyOutcome> & Pick<PolicyOutcome, "action" | "explanation">): PolicyOutcome => ({
  rewardId: null,
  createdRewardId: null,
  amountCents: null,
  policyYear: null,
  ...o,
});

const by = (actor: Actor) => actor.id ?? actor.label ?? actor.type;

/** The lead's earlier issue and renewal events up to a date, newest first. */
async function policyHistory(tx: DbOrTx, leadId: string, upTo: DateOnly) {
  return tx
    .select()
    .from(policyEvents)
    .where(
      and(
        eq(policyEvents.leadId, leadId),
        inArray(policyEvents.type, ["ISSUED", "RENEWED"]),
        lte(policyEvents.effectiveDate, upTo),
      ),
    )
    .orderBy(desc(policyEvents.effectiveDate));
}

/** The first policy year's start and term: the issue event's, else the conversion date and 365 days. */
async function firstYear(tx: DbOrTx, c: Ctx) {
  const [issued] = await tx
    .select()
    .from(policyEvents)
    .where(and(eq(policyEvents.leadId, c.lead.id), eq(policyEvents.type, "ISSUED")))
    .orderBy(policyEvents.effectiveDate)
    .limit(1);
  const start = issued?.effectiveDate ?? dateOf(c.referral?.convertedAt ?? c.now);
  return { start, termDays: issued?.termDays ?? c.input.termDays ?? DEFAULT_TERM_DAYS };
}

async function conversionReward(tx: DbOrTx, referralId: string): Promise<Reward | undefined> {
  const [r] = await tx
    .select()
    .from(rewards)
    .where(and(eq(rewards.referralId, referralId), eq(rewards.type, "CONVERSION")))
    .for("update");
  return r;
}

/** Issued: recorded; a conversion reward still waiting keeps the later of its hold and the free-look from the issue date. */
async function issued(c: Ctx): Promise<PolicyOutcome> {
  if (!c.referral) return outcome({ action: "RECORDED", explanation: "Recorded; the lead has no converted referral" });
  const reward = await conversionReward(c.tx, c.referral.id);
  if (!reward || reward.status !== "CALCULATED")
    return outcome({ action: "RECORDED", rewardId: reward?.id ?? null, explanation: "Recorded" });
  const s = await getSettings(c.tx);
  const hold = holdFor({
    at: new Date(`${c.input.effectiveDate}T00:00:00Z`),
    holdDays: 0,
    windows: s.policyWindows,
    insuranceType: c.lead.insuranceType,
    state: c.lead.state,
  });
  if (!hold.holdReason || (reward.holdUntil && reward.holdUntil >= hold.holdUntil))
    return outcome({
      action: "RECORDED",
      rewardId: reward.id,
      explanation: "Recorded; the reward's hold already covers the free-look window",
    });
  const holdReason = `${hold.holdReason}, from the policy's issue on ${c.input.effectiveDate}`;
  await c.tx
    .update(rewards)
    .set({ holdUntil: hold.holdUntil, holdReason, updatedAt: c.now })
    .where(and(eq(rewards.id, reward.id), eq(rewards.status, "CALCULATED")));
  await recordEvent(c.tx, c.actor, {
    entityType: "reward",
    entityId: reward.id,
    action: "reward.hold_extended",
    before: { holdUntil: reward.holdUntil, holdReason: reward.holdReason },
    after: { holdUntil: hold.holdUntil, holdReason },
    data: { policyEventId: c.eventId },
    at: c.now,
  });
  return outcome({ action: "HOLD_EXTENDED", rewardId: reward.id, explanation: holdReason });
}

/** A negative CLAWBACK linked to the reward it takes back from, with the calculation; webhook reward.clawed_back. */
async function insertClawback(c: Ctx, target: Reward, cents: number, tb: ReturnType<typeof takeBack>, unpaid: boolean) {
  // Beside an unpaid reward the adjustment travels with it (same status and hold); otherwise it is owed now.
  const status = unpaid ? target.status : "APPROVED";
  return insertReward(
    c.tx,
    c.actor,
    c.now,
    {
      partnerId: target.partnerId,
      referralId: target.referralId,
      type: "CLAWBACK",
      amountCents: -cents,
      currency: target.currency,
      status,
      holdUntil: status === "CALCULATED" ? target.holdUntil : null,
      holdReason: status === "CALCULATED" ? target.holdReason : null,
      reason: tb.explanation,
      adjustsRewardId: target.id,
      policyEventId: c.eventId,
      clawback: tb,
      uniqueKey: `clawback:${target.id}`,
      calculatedAt: c.now,
      approvedAt: status === "APPROVED" ? c.now : null,
      approvedBy: status === "APPROVED" ? by(c.actor) : null,
      createdBy: by(c.actor),
    },
    (claw) => ({
      type: "CLAWBACK",
      amountCents: claw.amountCents,
      clawsBack: target.id,
      policyEventId: c.eventId,
      takeBack: tb,
    }),
    { webhook: { type: "reward.clawed_back", extra: { clawsBack: target.id, takeBack: tb } } },
  );
}

/** Cancelled: the reward of the policy year it falls in is taken back in full or pro rata (docs/compliance.md#clawbacks). */
async function cancelled(c: Ctx): Promise<PolicyOutcome> {
  if (!c.referral)
    return outcome({ action: "NONE", explanation: "The lead has no converted referral: nothing to take back" });
  const history = await policyHistory(c.tx, c.lead.id, c.input.effectiveDate);
  const renewal = history.find((e) => e.type === "RENEWED");
  const first = await firstYear(c.tx, c);
  const s = await getSettings(c.tx);
  const w = policyWindowFor(policyWindows(s.policyWindows), c.lead.insuranceType, c.lead.state);
  let target: Reward | undefined;
  if (renewal) {
    [target] = await c.tx
      .select()
      .from(rewards)
      .where(and(eq(rewards.policyEventId, renewal.id), eq(rewards.type, "RENEWAL")))
      .for("update");
  } else target = await conversionReward(c.tx, c.referral.id);
  const year = renewal ? (renewal.outcome.policyYear ?? null) : 1;
  if (!target || target.status === "CANCELLED")
    return outcome({
      action: "NONE",
      rewardId: target?.id ?? null,
      policyYear: year,
      explanation: "No open reward for this policy year: nothing to take back",
    });
  const tb = takeBack({
    start: renewal?.effectiveDate ?? first.start,
    cancelledOn: c.input.effectiveDate,
    termDays: renewal?.termDays ?? first.termDays,
    freeLookDays: renewal ? 0 : w.freeLookDays,
    chargebackMonths: w.chargebackMonths,
    amountCents: target.amountCents ?? 0,
    currency: target.currency,
  });
  const base = { rewardId: target.id, policyYear: year, takeBack: { ...tb } };
  const [already] = await c.tx
    .select({ id: rewards.id })
    .from(rewards)
    .where(eq(rewards.uniqueKey, `clawback:${target.id}`));
  if (already)
    return outcome({
      ...base,
      action: "NONE",
      createdRewardId: already.id,
      explanation: "Already taken back by an earlier cancellation",
    });
  if (tb.kind === "NONE" || (target.amountCents === null && tb.kind !== "FULL"))
    return outcome({ ...base, action: "NONE", amountCents: 0, explanation: tb.explanation });
  const unpaid =
    (target.status === "PENDING" || target.status === "CALCULATED" || target.status === "APPROVED") && !target.payoutId;
  if (unpaid && tb.kind === "FULL") {
    await moveReward(c.tx, target, "CANCELLED", c.actor, c.now, {
      patch: { cancelReason: tb.explanation, clawback: tb, policyEventId: c.eventId },
      data: { reason: "POLICY_CANCELLED", policyEventId: c.eventId, takeBack: tb },
    });
    return outcome({
      ...base,
      action: "REWARD_CANCELLED",
      amountCents: target.amountCents ?? 0,
      explanation: tb.explanation,
    });
  }
  if (tb.amountCents === 0) return outcome({ ...base, action: "NONE", amountCents: 0, explanation: tb.explanation });
  const claw = await insertClawback(c, target, tb.amountCents, tb, unpaid);
  return outcome({
    ...base,
    action: "CLAWBACK",
    createdRewardId: claw.id,
    amountCents: tb.amountCents,
    explanation: tb.explanation,
  });
}

/** Renewed: a RENEWAL reward at the plan's renewal rule, at most once per policy year (unique key). */
async function renewed(c: Ctx): Promise<PolicyOutcome> {
  if (!c.referral)
    return outcome({ action: "NONE", explanation: "The lead has no converted referral: no renewal reward" });
  const first = await firstYear(c.tx, c);
  const year = Math.max(2, Math.round(daysBetween(first.start, c.input.effectiveDate) / first.termDays) + 1);
  const key = `renewal:${c.referral.id}:${year}`;
  const [already] = await c.tx.select({ id: rewards.id }).from(rewards).where(eq(rewards.uniqueKey, key));
  if (already)
    return outcome({
      action: "NONE",
      policyYear: year,
      createdRewardId: already.id,
      explanation: `Policy year ${year} was already rewarded`,
    });
  const conversion = await conversionReward(c.tx, c.referral.id);
  const value = c.input.premiumCents ?? conversion?.baseCents ?? c.referral.conversionValueCents ?? null;
  if (value === null)
    return outcome({
      action: "NONE",
      policyYear: year,
      explanation: "No premium given and none known: no renewal reward",
    });
  const input = await loadCalculationInput(c.tx, {
    partnerId: c.referral.partnerId,
    leadId: c.lead.id,
    event: "RENEWAL",
    valueCents: value,
    currency: c.referral.currency,
    at: c.now,
  });
  const calc = calculate({ ...input, policyYear: year });
  if (!calc.matched) return outcome({ action: "NONE", policyYear: year, explanation: calc.explanation });
  const { holdDays } = await getSettings(c.tx);
  const hold = holdFor({ at: c.now, holdDays, windows: [], insuranceType: c.lead.insuranceType, state: c.lead.state });
  const reward = await insertReward(
    c.tx,
    c.actor,
    c.now,
    {
      partnerId: c.referral.partnerId,
      referralId: c.referral.id,
      type: "RENEWAL",
      amountCents: calc.amountCents,
      currency: c.referral.currency,
      rateBps: calc.rateBps === null ? null : Math.round(calc.rateBps),
      baseCents: value,
      status: "CALCULATED",
      ...hold,
      planVersionId: calc.planVersionId,
      calculation: calc,
      policyEventId: c.eventId,
      uniqueKey: key,
      calculatedAt: c.now,
      createdBy: by(c.actor),
    },
    (r) => ({
      type: "RENEWAL",
      policyYear: year,
      amountCents: r.amountCents,
      baseCents: value,
      explanation: calc.explanation,
      policyEventId: c.eventId,
    }),
  );
  return outcome({
    action: "RENEWAL_REWARD",
    policyYear: year,
    createdRewardId: reward.id,
    amountCents: reward.amountCents,
    explanation: calc.explanation,
  });
}

const sameBody = (e: PolicyEvent, i: PolicyEventInput) =>
  (e.termDays ?? undefined) === i.termDays &&
  (e.premiumCents ?? undefined) === i.premiumCents &&
  (e.policyNumber ?? undefined) === i.policyNumber;

/**
 * Records one policy event of a lead and applies it, in one transaction with its audit event and a
 * `policy.*` webhook (docs/compliance.md#policy-events). Idempotent per (lead, type, effectiveDate): a repeat
 * answers the stored event (`created: false`); the same key with other details is a conflict. The lead's row
 * lock serialises events of one lead.
 */
export async function recordPolicyEvent(
  db: Db | DbOrTx,
  leadId: string,
  input: PolicyEventInput,
  actor: Actor,
  opts: Clock & { channel?: "API" | "WEBHOOK" } = {},
): Promise<{ event: PolicyEvent; created: boolean }> {
  if (actor.type !== "SYSTEM" && actor.type !== "WEBHOOK" && actor.role !== "ADMIN")
    throw new AppError("forbidden", "Only an admin records policy events");
  if (!isUuid(leadId)) throw notFound("Lead");
  const now = nowOf(opts);
  return db.transaction(async (tx) => {
    const [lead] = await tx.select().from(leads).where(eq(leads.id, leadId)).for("update");
    if (!lead) throw notFound("Lead");
    const [existing] = await tx
      .select()
      .from(policyEvents)
      .where(
        and(
          eq(policyEvents.leadId, leadId),
          eq(policyEvents.type, input.type),
          eq(policyEvents.effectiveDate, input.effectiveDate),
        ),
      );
    if (existing) {
      if (!sameBody(existing, input))
        throw conflict(`A ${input.type} event of ${input.effectiveDate} is already recorded with other details`, {
          policyEventId: existing.id,
        });
      return { event: existing, created: false };
    }
    const [referral] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.leadId, leadId), inArray(referrals.status, ["CONVERTED", "PAID"])))
      .for("update");
    const [row] = await tx
      .insert(policyEvents)
      .values({
        leadId,
        referralId: referral?.id ?? null,
        type: input.type,
        effectiveDate: input.effectiveDate,
        termDays: input.termDays ?? null,
        premiumCents: input.premiumCents ?? null,
        policyNumber: input.policyNumber ?? null,
        channel: opts.channel ?? "API",
        outcome: outcome({ action: "RECORDED", explanation: "Recorded" }),
        createdBy: by(actor),
        createdAt: now,
      })
      .returning();
    const c: Ctx = { tx, lead, referral, input, eventId: row.id, actor, now };
    const result =
      input.type === "ISSUED" ? await issued(c) : input.type === "CANCELLED" ? await cancelled(c) : await renewed(c);
    const [event] = await tx
      .update(policyEvents)
      .set({ outcome: result })
      .where(eq(policyEvents.id, row.id))
      .returning();
    await recordEvent(tx, actor, {
      entityType: "lead",
      entityId: leadId,
      action: `policy.${input.type.toLowerCase()}`,
      data: {
        policyEventId: event.id,
        effectiveDate: input.effectiveDate,
        referralId: event.referralId,
        outcome: result,
      },
      at: now,
    });
    await enqueueWebhookEvent(tx, HOOK[input.type], policyEventPayload(event));
    return { event, created: true };
  });
}

export const policyEventPayload = (e: PolicyEvent): Record<string, unknown> => ({
  id: e.id,
  leadId: e.leadId,
  referralId: e.referralId,
  type: e.type,
  effectiveDate: e.effectiveDate,
  termDays: e.termDays,
  premiumCents: e.premiumCents,
  policyNumber: e.policyNumber,
  channel: e.channel,
  outcome: e.outcome,
  createdAt: e.createdAt,
});
