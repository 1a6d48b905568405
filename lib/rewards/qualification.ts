import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rewards } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { programHold } from "@/lib/rewards/hold";
import { calculate } from "@/lib/commissions/calculate";
import { loadCalculationInput } from "@/lib/commissions/resolve";
import { qualificationKey } from "@/lib/compliance/unlicensed";
import type { Referral } from "@/lib/referrals/core";
import { getSettings } from "@/lib/settings";
import { insertReward, type Reward } from "./core";

/** Referral statuses whose lead can still earn its qualification reward. */
const LIVE = new Set(["PENDING", "ACCEPTED", "CONVERTED", "PAID"]);

/**
 * The reward a lead earns when it qualifies, once per referral (`uniqueKey`, in the caller's transaction with
 * the referral locked): under an enforced state rule an unlicensed partner's flat `REFERRAL_FEE`; otherwise
 * the plan's QUALIFIED rule as a `LEAD` fee, or nothing when no such rule matches (the default plan has none).
 * A fee capped to 0, or refused by the state rule, is kept CANCELLED with the reason so the rule is on
 * record (docs/compliance.md#state-rules). Returns the reward, or null when none is due.
 */
export async function qualificationReward(
  tx: DbOrTx,
  referral: Referral,
  actor: Actor,
  now: Date,
): Promise<{ reward: Reward; created: boolean } | null> {
  if (!LIVE.has(referral.status)) return null;
  const key = qualificationKey(referral.id);
  const [existing] = await tx.select().from(rewards).where(eq(rewards.uniqueKey, key));
  if (existing) return { reward: existing, created: false };
  const input = await loadCalculationInput(tx, {
    partnerId: referral.partnerId,
    leadId: referral.leadId,
    event: "QUALIFIED",
    valueCents: null,
    currency: referral.currency,
    at: now,
  });
  const calc = calculate(input);
  if (!input.unlicensed && !calc.matched) return null;
  const due = calc.matched && calc.amountCents > 0;
  const { holdDays } = await getSettings(tx);
  // Created CANCELLED when not due, so `insertReward` sends no `reward.calculated` for it.
  const reward = await insertReward(
    tx,
    actor,
    now,
    {
      partnerId: referral.partnerId,
      referralId: referral.id,
      type: input.unlicensed ? "REFERRAL_FEE" : "LEAD",
      currency: referral.currency,
      status: due ? "CALCULATED" : "CANCELLED",
      amountCents: calc.amountCents,
      planVersionId: calc.planVersionId,
      calculation: calc,
      uniqueKey: key,
      ...(due ? programHold(now, holdDays) : { holdUntil: null }),
      calculatedAt: due ? now : null,
      ...(due ? {} : { cancelledAt: now, cancelReason: calc.reason ?? calc.explanation }),
      reason: calc.licence?.nonCashRequired ? "Non-cash payment required by the state rule" : null,
      createdBy: actor.id ?? actor.label ?? null,
    },
    (r) => ({ referralId: referral.id, type: r.type, amountCents: r.amountCents, explanation: calc.explanation }),
  );
  return { reward, created: true };
}
